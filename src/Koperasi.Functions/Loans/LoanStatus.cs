namespace Koperasi.Functions.Loans;

/// <summary>A loan's lifecycle, forward only: submitted → approved | rejected; approved → active | rejected; active → closed | written_off.</summary>
public enum LoanStatus
{
    Submitted,
    Approved,
    Rejected,
    Active,
    Closed,
    WrittenOff,
}
