namespace Koperasi.Functions.Payments;

/// <summary>The points between the storage calls of recording and applying one provider payment.</summary>
public enum PaymentStep
{
    /// <summary>The notification is merged into the payment; nothing is queued yet.</summary>
    Recorded,
    /// <summary>An application has read the payment's state and is about to act on it.</summary>
    Applying,
    /// <summary>The deposit is about to be queued.</summary>
    QueueingDeposit,
}
