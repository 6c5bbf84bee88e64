namespace Koperasi.Functions.Loans;

/// <summary>
/// A loan product of one cooperative. <see cref="MaxActiveLoansPerMember"/> (default 1) is how many loans of this
/// product one member may have open at once (submitted, approved or active).
/// </summary>
public sealed record LoanProduct(
    string Code,
    string Name,
    InterestMethod InterestMethod,
    int MonthlyRateBps,
    int TermMonthsMin,
    int TermMonthsMax,
    long PrincipalMin,
    long PrincipalMax,
    int AdminFeeBps,
    long RoundTo,
    int PenaltyBpsPerDay,
    int PenaltyGraceDays,
    int MaxActiveLoansPerMember,
    DateTimeOffset UpdatedAt)
{
    public LoanTerms Terms() => new(Name, InterestMethod, MonthlyRateBps, AdminFeeBps, RoundTo, PenaltyBpsPerDay, PenaltyGraceDays);
}
