namespace Koperasi.Functions.Loans;

/// <summary>A loan in a list: enough to pick it, without its schedule.</summary>
public sealed record LoanSummary(string Id, string MemberId, string ProductCode, LoanStatus Status, long Principal, int TermMonths, DateTimeOffset SubmittedAt, DateTimeOffset UpdatedAt)
{
    public static LoanSummary Of(Loan loan) => new(loan.Id, loan.MemberId, loan.Application.ProductCode, loan.Status,
        loan.Application.Principal, loan.Application.TermMonths, loan.SubmittedAt, loan.UpdatedAt);
}
