namespace Koperasi.Functions.Webhooks;

/// <summary>The provider's own account of a payment (<see cref="Notification"/>, when found), or why there is none yet.</summary>
public sealed record ProviderConfirmation(ProviderAnswerStatus Status, PaymentNotification? Notification, string Detail);
