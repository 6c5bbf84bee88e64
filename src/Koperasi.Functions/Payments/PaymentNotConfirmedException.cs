namespace Koperasi.Functions.Payments;

/// <summary>A notification the provider could not confirm (refused, or unavailable for too long): it goes to the failures list.</summary>
public sealed class PaymentNotConfirmedException(string message) : Exception(message);
