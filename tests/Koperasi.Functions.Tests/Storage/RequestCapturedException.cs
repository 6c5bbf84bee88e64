namespace Koperasi.Functions.Tests.Storage;

/// <summary>Thrown by <see cref="RequestCapturingPolicy"/> so that a captured request never reaches the transport.</summary>
internal sealed class RequestCapturedException() : Exception("The request was captured before it reached the network.");
