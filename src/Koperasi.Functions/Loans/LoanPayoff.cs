namespace Koperasi.Functions.Loans;

/// <summary>The payoff amount (pure): the sum of <see cref="LoanDues"/> as of the date; see there for the rule.</summary>
public static class LoanPayoff
{
    public static PayoffQuote Quote(IReadOnlyList<LoanInstallment> schedule, DateOnly disbursedOn, PenaltyTerms penalty, DateOnly asOf)
    {
        var dues = LoanDues.AsOf(schedule, disbursedOn, penalty, asOf);
        return new PayoffQuote(asOf, dues.Sum(d => d.Principal), dues.Sum(d => d.Interest), dues.Sum(d => d.Penalty));
    }
}
