namespace Koperasi.Functions.Ledger;

/// <summary>
/// One provider's clearing account in the ledger check: what the ledger holds, and what the provider reported in
/// and out. They must be equal: settled money is always booked (to a member, to sukarela, or to dana titipan), and
/// every refund the books can carry is booked in full. Refunds of a payment not yet assigned wait, and are shown.
/// </summary>
public sealed record ClearingCheck(string Account, long Ledger, long ReportedIn, long ReportedOut, long RefundsWaiting)
{
    public bool Agrees => Ledger == ReportedIn - ReportedOut;
}
