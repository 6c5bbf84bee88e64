namespace Koperasi.WorkerHost;

/// <summary>The worker did not get as far as serving its functions; the message carries what it printed.</summary>
public sealed class WorkerStartException(string message, string workerOutput) : Exception(message + Environment.NewLine + workerOutput)
{
    public string WorkerOutput { get; } = workerOutput;
}
