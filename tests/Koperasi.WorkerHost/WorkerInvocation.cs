namespace Koperasi.WorkerHost;

/// <summary>One invocation the host sent and the worker answered: what the smoke test counts.</summary>
public sealed record WorkerInvocation(string Function, string InvocationId, bool Succeeded, string? Error, TimeSpan Duration);
