using System.Text.Json.Serialization;

namespace Koperasi.Functions.Loans;

/// <summary>The product's terms as a loan took them at submission: changing the product later never changes the loan.</summary>
public sealed record LoanTerms(
    string ProductName, InterestMethod InterestMethod, int MonthlyRateBps, int AdminFeeBps, long RoundTo, int PenaltyBpsPerDay, int PenaltyGraceDays)
{
    [JsonIgnore]
    public PenaltyTerms Penalty => new(PenaltyBpsPerDay, PenaltyGraceDays);

    public IReadOnlyList<LoanInstallment> Schedule(long principal, int termMonths, DueDates dueDates) =>
        LoanSchedule.Build(InterestMethod, MonthlyRateBps, RoundingUnit.Of(RoundTo), principal, termMonths, dueDates);
}
