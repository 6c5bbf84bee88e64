namespace Koperasi.Functions.Tests.Storage;

/// <summary>One table request: who asked (an HTTP route or a background function) and its shape.</summary>
public sealed record QueryRecord(string Caller, QueryShape Shape)
{
    public override string ToString() => $"{Caller}: {Shape.Kind} of '{Shape.Table}' {Shape.Filter}";
}
