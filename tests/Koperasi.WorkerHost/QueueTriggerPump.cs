using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Google.Protobuf;
using Koperasi.WorkerHost.Rpc;
using Microsoft.Extensions.Logging;

namespace Koperasi.WorkerHost;

/// <summary>
/// The queue trigger's host side for one function: poll in batches with backoff up to <c>maxPollingInterval</c>,
/// invoke the worker with the message as the Storage Queues extension sends it (ModelBindingData with source
/// <c>AzureStorageQueues</c> for an SDK-type parameter such as <c>QueueMessage</c>, else the text) and the trigger
/// metadata, delete on success, and on failure make it visible again after <c>visibilityTimeout</c> or, at
/// <c>maxDequeueCount</c>, move it to <c>&lt;queue&gt;-poison</c>.
/// </summary>
public sealed partial class QueueTriggerPump(
    WorkerFunction function, QueueClient queue, QueueClient poison, QueueTriggerSettings settings, Func<InvocationRequest, CancellationToken, Task<WorkerInvocation>> invoke, ILogger logger)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);

    public string QueueName => queue.Name;

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var wait = FirstPoll;
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(settings.BatchSize, settings.Lease, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(wait, stoppingToken);
                    wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }
                wait = FirstPoll;
                await Task.WhenAll(messages.Select(m => HandleAsync(m, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                created = false;
                LogPollFailed(logger, e, function.Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>The invocation request for one message: the trigger input and the queue's trigger metadata.</summary>
    public static InvocationRequest Request(WorkerFunction function, QueueMessage message)
    {
        var text = message.Body.ToString();
        var request = new InvocationRequest { InvocationId = Guid.NewGuid().ToString(), FunctionId = function.FunctionId, TraceContext = new RpcTraceContext() };
        var trigger = function.Trigger;
        var data = trigger.SupportsDeferredBinding
            ? new TypedData
            {
                ModelBindingData = new ModelBindingData
                {
                    Version = "1.0",
                    Source = "AzureStorageQueues",
                    ContentType = "application/json",
                    Content = ByteString.CopyFrom(JsonSerializer.SerializeToUtf8Bytes(new
                    {
                        message.MessageId, message.PopReceipt, MessageText = text, message.DequeueCount,
                        NextVisibleOn = message.NextVisibleOn?.UtcDateTime, InsertedOn = message.InsertedOn?.UtcDateTime, ExpiresOn = message.ExpiresOn?.UtcDateTime,
                    })),
                },
            }
            : new TypedData { String = text };
        request.InputData.Add(new ParameterBinding { Name = trigger.Name, Data = data });
        // The binding data the Storage Queues extension publishes for a message.
        request.TriggerMetadata.Add("QueueTrigger", new TypedData { String = text });
        request.TriggerMetadata.Add("Id", new TypedData { String = message.MessageId });
        request.TriggerMetadata.Add("PopReceipt", new TypedData { String = message.PopReceipt });
        request.TriggerMetadata.Add("DequeueCount", new TypedData { Json = message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        AddTime(request, "InsertionTime", message.InsertedOn);
        AddTime(request, "ExpirationTime", message.ExpiresOn);
        AddTime(request, "NextVisibleTime", message.NextVisibleOn);
        return request;
    }

    private static void AddTime(InvocationRequest request, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            request.TriggerMetadata.Add(name, new TypedData { Json = JsonSerializer.Serialize(v) });
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        var invocation = await invoke(Request(function, message), stoppingToken);
        if (invocation.Succeeded)
        {
            try
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                // The lease ran out and another receive owns it now: it will run again, and the functions are idempotent.
            }
            return;
        }
        LogInvocationFailed(logger, function.Name, message.MessageId, message.DequeueCount, invocation.Error);
        if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
            // As the host's QueueProcessor copies it: the queue's default time-to-live (7 days), not "never expires".
            await poison.SendMessageAsync(message.Body, visibilityTimeout: null, timeToLive: null, stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
            LogPoisoned(logger, function.Name, message.MessageId, poison.Name);
        }
        else
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the queue of {Function} failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (attempt {DequeueCount}): {Error}")]
    private static partial void LogInvocationFailed(ILogger logger, string function, string messageId, long dequeueCount, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} moved to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, string poisonQueue);
}
