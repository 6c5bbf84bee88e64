using Azure.Storage.Queues.Models;
using Koperasi.Functions.Failures;
using Koperasi.Functions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Payments;

public sealed class PaymentConfirmationFunctions(PaymentConfirmations confirmations, FailureStore failures)
{
    [Function(nameof(ConfirmPayment))]
    public Task ConfirmPayment(
        [QueueTrigger(StorageNames.PaymentConfirmationsQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
        => confirmations.ConfirmAsync(message.Body.ToString(), message.DequeueCount, cancellationToken);

    [Function(nameof(RecordPoisonedConfirmation))]
    public Task RecordPoisonedConfirmation(
        [QueueTrigger(StorageNames.PaymentConfirmationsPoisonQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
        => failures.RecordPoisonedAsync(StorageNames.PaymentConfirmationsQueue, message.Body.ToString(), cancellationToken);
}
