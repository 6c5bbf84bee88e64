namespace Koperasi.Functions.Loans;

/// <summary>
/// The ledger ids of a loan's lifecycle postings. They start with '~', which no client transaction id may hold, so a
/// teller's id can never take them; one per loan, so a step asked twice posts once.
/// </summary>
public static class LoanPostingIds
{
    public static string Disbursement(string loanId) => $"~disbursement-{loanId}";

    public static string WriteOff(string loanId) => $"~write-off-{loanId}";
}
