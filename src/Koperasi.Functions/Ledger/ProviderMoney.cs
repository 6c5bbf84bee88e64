namespace Koperasi.Functions.Ledger;

/// <summary>
/// What one provider reported for one payment, as the provider's side of the ledger check: the money received, the
/// money refunded that the books must carry now, and refunds that wait (a payment not yet assigned to a member).
/// </summary>
public sealed record ProviderMoney(string Source, long ReceivedIn, long RefundedOut, long RefundsWaiting);
