using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Koperasi.WorkerHost.Rpc;
using Microsoft.Extensions.Logging;
using MsgType = Koperasi.WorkerHost.Rpc.StreamingMessage.ContentOneofCase;

namespace Koperasi.WorkerHost;

/// <summary>
/// The host's end of the worker's <c>EventStream</c>: the worker opens it with <c>StartStream</c>, then the host sends
/// requests and matches each response to its request the way the host's GrpcWorkerChannel does (init and metadata:
/// one at a time; loads by function id; invocations by invocation id). <c>RpcLog</c> messages go to the logger.
/// </summary>
public sealed partial class WorkerChannel(ILogger<WorkerChannel> logger)
{
    private readonly Channel<StreamingMessage> outbound = Channel.CreateUnbounded<StreamingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> pending = new();
    private readonly TaskCompletionSource<string> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<RpcLog> logs = new();

    /// <summary>Completes with the worker id of <c>StartStream</c>.</summary>
    public Task<string> Started => started.Task;

    /// <summary>Completes when the worker's stream ends.</summary>
    public Task Closed => closed.Task;

    /// <summary>The worker's last logs sent over the stream (its <c>ILogger</c> output), for diagnostics.</summary>
    public IReadOnlyCollection<RpcLog> Logs => logs;

    internal async Task RunAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, ServerCallContext context)
    {
        if (!await requests.MoveNext(context.CancellationToken) || requests.Current.ContentCase != MsgType.StartStream)
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.FailedPrecondition, "the first message of a worker's stream must be StartStream"));
        }
        if (!started.TrySetResult(requests.Current.StartStream.WorkerId))
        {
            throw new Grpc.Core.RpcException(new Status(StatusCode.AlreadyExists, "this host serves one stream per worker"));
        }
        var writer = WriteAsync(responses, context.CancellationToken);
        try
        {
            while (await requests.MoveNext(context.CancellationToken))
            {
                Dispatch(requests.Current);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The worker went away or the host is stopping.
        }
        catch (IOException)
        {
            // The worker's connection dropped.
        }
        finally
        {
            outbound.Writer.TryComplete();
            var gone = new IOException("the worker closed its stream");
            foreach (var (key, waiter) in pending)
            {
                if (pending.TryRemove(key, out _))
                {
                    waiter.TrySetException(gone);
                }
            }
            closed.TrySetResult();
        }
        await writer;
    }

    /// <summary>Sends a request and waits for the response of the given kind and key.</summary>
    public async Task<StreamingMessage> RequestAsync(StreamingMessage request, MsgType responseType, string key, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = $"{responseType}:{key}";
        if (!pending.TryAdd(id, waiter))
        {
            throw new InvalidOperationException($"a request for {id} is already waiting");
        }
        try
        {
            if (closed.Task.IsCompleted)
            {
                throw new IOException("the worker closed its stream");
            }
            request.RequestId = Guid.NewGuid().ToString();
            await outbound.Writer.WriteAsync(request, cancellationToken);
            return await waiter.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            pending.TryRemove(id, out _);
        }
    }

    /// <summary>Sends a message that has no response (WorkerTerminate).</summary>
    public void Send(StreamingMessage message)
    {
        message.RequestId = Guid.NewGuid().ToString();
        outbound.Writer.TryWrite(message);
    }

    private void Dispatch(StreamingMessage message)
    {
        var key = message.ContentCase switch
        {
            MsgType.WorkerInitResponse or MsgType.FunctionMetadataResponse => "",
            MsgType.FunctionLoadResponse => message.FunctionLoadResponse.FunctionId,
            MsgType.InvocationResponse => message.InvocationResponse.InvocationId,
            MsgType.RpcLog => null,
            _ => null,
        };
        if (message.ContentCase == MsgType.RpcLog)
        {
            Log(message.RpcLog);
        }
        else if (key is not null && pending.TryRemove($"{message.ContentCase}:{key}", out var waiter))
        {
            waiter.TrySetResult(message);
        }
        else
        {
            LogUnexpected(logger, message.ContentCase);
        }
    }

    private void Log(RpcLog log)
    {
        logs.Enqueue(log);
        while (logs.Count > 500 && logs.TryDequeue(out _))
        {
        }
        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        LogWorker(logger, level, log.Category, log.Message, log.Exception?.Message ?? "");
    }

    private async Task WriteAsync(IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in outbound.Reader.ReadAllAsync(cancellationToken))
            {
                await responses.WriteAsync(message, cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The stream is gone; RunAsync fails whoever still waits.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The worker sent {Type}, which no request was waiting for")]
    private static partial void LogUnexpected(ILogger logger, MsgType type);

    [LoggerMessage(Message = "[worker] {Category}: {Text} {Exception}")]
    private static partial void LogWorker(ILogger logger, LogLevel level, string category, string text, string exception);
}
