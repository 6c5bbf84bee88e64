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
/// <c>&lt;queue&gt;-poison</c>.
/// </summary>
public sealed partial class QueueTriggerListener(
    FunctionEntry function, FunctionInvoker invoker, StorageClientFactory clients, QueueSettings settings, IConfiguration configuration, ILogger<QueueTriggerListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var trigger = (QueueTriggerAttribute)function.Trigger;
        var queueName = SettingNames.Resolve(trigger.QueueName, configuration);
        var connection = trigger.Connection ?? StorageNames.Connection;
        var queue = clients.CreateQueueClient(queueName, connection);
        var poison = clients.CreateQueueClient(queueName + "-poison", connection);
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

    private async Task HandleAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await invoker.InvokeAsync(function, TriggerValue(message), null, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogInvocationFailed(logger, e, function.Name, message.MessageId, message.DequeueCount);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await poison.SendMessageAsync(message.Body, visibilityTimeout: null, timeToLive: TimeSpan.FromSeconds(-1), stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} moved to the poison queue")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId);
}
