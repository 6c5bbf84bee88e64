using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Koperasi.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Koperasi.LocalHost;

/// <summary>
/// Serves one queue-triggered function with the Functions semantics from host.json: receive in batches, hide each
/// message while it runs, retry after <c>visibilityTimeout</c>, and after <c>maxDequeueCount</c> failures move it to
/// <c>&lt;queue&gt;-poison</c>. As under the host (the Storage Queues extension's decoding-failure handler): a message
/// that is not valid base64 goes to <c>&lt;queue&gt;-poison</c> as received at once, and the rest of its batch runs; a
/// queue whose name ends in <c>-poison</c> has no poison queue, so a message that fails there stays hidden for the
/// lease and comes back.
/// </summary>
public sealed partial class QueueTriggerListener(
    FunctionEntry function, FunctionInvoker invoker, StorageClientFactory clients, QueueSettings settings, IConfiguration configuration, ILogger<QueueTriggerListener> logger)
    : BackgroundService
{
    private const string PoisonSuffix = "-poison";
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var trigger = (QueueTriggerAttribute)function.Trigger;
        var queueName = SettingNames.Resolve(trigger.QueueName, configuration);
        var connection = trigger.Connection ?? StorageNames.Connection;
        var poison = queueName.EndsWith(PoisonSuffix, StringComparison.Ordinal) ? null : clients.CreateQueueClient(queueName + PoisonSuffix, connection);
        // Sends the body exactly as it was received: no encoding on the way out either.
        var rawPoison = poison is null ? null : clients.CreateQueueClient(poison.Name, connection, o => o.MessageEncoding = QueueMessageEncoding.None);
        var queue = clients.CreateQueueClient(queueName, connection, o => o.MessageDecodingFailed += e => MoveUndecodableAsync(e, rawPoison));
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
                await Task.WhenAll(messages.Select(m => HandleAsync(queue, poison, m, stoppingToken)));
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

    /// <summary>Called by the SDK, inside a receive, for each message that is not base64; the receive answers the rest.</summary>
    private async Task MoveUndecodableAsync(QueueMessageDecodingFailedEventArgs args, QueueClient? rawPoison)
    {
        if (args.ReceivedMessage is not { } message)
        {
            return;
        }
        LogUndecodable(logger, function.Name, message.MessageId);
        if (rawPoison is null)
        {
            return;
        }
        await rawPoison.CreateIfNotExistsAsync(cancellationToken: args.CancellationToken);
        await rawPoison.SendMessageAsync(message.Body, visibilityTimeout: null, timeToLive: NeverExpires, args.CancellationToken);
        await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken);
        LogPoisoned(logger, function.Name, message.MessageId);
    }

    private async Task HandleAsync(QueueClient queue, QueueClient? poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await invoker.InvokeAsync(function, TriggerValue(message), null, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogInvocationFailed(logger, e, function.Name, message.MessageId, message.DequeueCount);
            if (poison is null)
            {
                // No poison queue for a poison queue: left hidden (not released), as the host does, so it comes back after the lease.
            }
            else if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await poison.SendMessageAsync(message.Body, visibilityTimeout: null, timeToLive: NeverExpires, stoppingToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
                LogPoisoned(logger, function.Name, message.MessageId);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: stoppingToken);
            }
            return;
        }
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // The lease ran out (another receive now owns the message) or a retried delete already succeeded:
            // the message will be delivered again or is gone, and the function is idempotent either way.
        }
    }

    private object? TriggerValue(QueueMessage message)
    {
        var type = function.TriggerParameter.ParameterType;
        if (type == typeof(QueueMessage)) return message;
        if (type == typeof(string)) return message.Body.ToString();
        if (type == typeof(BinaryData)) return message.Body;
        if (type == typeof(byte[])) return message.Body.ToArray();
        return JsonSerializer.Deserialize(message.Body.ToString(), type, JsonSerializerOptions.Web);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling the queue of {Function} failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (attempt {DequeueCount})")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: message {MessageId} is not valid base64 (check the sender's MessageEncoding)")]
    private static partial void LogUndecodable(ILogger logger, string function, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} moved to the poison queue")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId);
}
