namespace Koperasi.Functions.Loans;

/// <summary>
/// A running loan as a row of the loans import gives it: the loan number (its id here), the product whose other terms it
/// takes, the principal, term, monthly rate and method it was granted with, the disbursement date and the installments
/// paid before the cut-over; <see cref="Outstanding"/> is the principal left they imply (<see cref="LoanOpening"/>).
/// </summary>
public sealed record RunningLoan(
    string LoanId, string ProductCode, long Principal, int TermMonths, int MonthlyRateBps, InterestMethod Method, DateOnly DisbursedOn, int InstallmentsPaid, long Outstanding)
{
    /// <summary>The product's terms with the rate and method the loan was granted with.</summary>
    public LoanTerms TermsFrom(LoanProduct product) => product.Terms() with { InterestMethod = Method, MonthlyRateBps = MonthlyRateBps };
}
