namespace Koperasi.WorkerHost;

/// <summary>The worker answered an invocation with a failure status; the message is the worker's exception.</summary>
public sealed class InvocationFailedException(string function, string error) : Exception($"{function} failed in the worker: {error}")
{
    public string Function { get; } = function;
}
