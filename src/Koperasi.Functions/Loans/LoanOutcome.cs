using Koperasi.Functions.Api;

namespace Koperasi.Functions.Loans;

/// <summary>What a lifecycle step answers: the loan as it now stands, or the problem that refused the step (an expected failure, as a value).</summary>
public sealed record LoanOutcome(LoanDetails? Loan, ApiProblem? Problem)
{
    public static LoanOutcome Of(LoanDetails loan) => new(loan, null);

    public static LoanOutcome Refused(ApiProblem problem) => new(null, problem);
}
