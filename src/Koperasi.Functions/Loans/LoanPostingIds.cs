namespace Koperasi.Functions.Loans;

/// <summary>
/// The ledger ids of a loan's lifecycle postings. They start with '~', which no client transaction id may hold, so a
/// teller's id can never take them; one per loan, so a step asked twice posts once.
/// </summary>
public static class LoanPostingIds
{
    public static string Disbursement(string loanId) => $"~disbursement-{loanId}";

    public static string WriteOff(string loanId) => $"~write-off-{loanId}";

    /// <summary>
    /// A running loan's opening (the loans import): the member and the loan number identify it, and ':' is in no client
    /// id either, as with the savings opening balances (<c>saldo-awal:{member}:{account}</c>).
    /// </summary>
    public static string Opening(string memberId, string loanId) => $"saldo-awal-pinjaman:{memberId}:{loanId}";
}
