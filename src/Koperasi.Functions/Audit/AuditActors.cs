namespace Koperasi.Functions.Audit;

/// <summary>The actors that are not an API key.</summary>
public static class AuditActors
{
    /// <summary>The platform admin key (it registers cooperatives).</summary>
    public const string Platform = "platform";

    /// <summary>A timer function: the change was no one's request.</summary>
    public const string Timer = "timer";
}
