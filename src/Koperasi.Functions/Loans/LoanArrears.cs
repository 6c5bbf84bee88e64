namespace Koperasi.Functions.Loans;

/// <summary>
/// Arrears (tunggakan) of one loan as of a date, pure: days past due counted from the oldest installment whose due date
/// has passed with pokok or jasa unpaid (0 when none), the overdue amount (pokok and jasa of installments due before the
/// date, unpaid), denda due, and the principal outstanding. Payments dated after the date are left out.
/// </summary>
public sealed record LoanArrears(string LoanId, string MemberId, string ProductCode, DateOnly? OldestDueDate, int DaysPastDue, string Bucket,
    long OutstandingPrincipal, long Overdue, long PenaltyDue)
{
    public const string Current = "current";

    /// <summary>The buckets in order: not past due, then 1-30, 31-90, 91-180 and more than 180 days past due.</summary>
    public static readonly IReadOnlyList<string> Buckets = [Current, "1-30", "31-90", "91-180", "over-180"];

    public static LoanArrears Of(Loan loan, DateOnly asOf)
    {
        var standing = loan.Schedule.Select(i => i.AsOf(asOf)).ToList();
        var late = standing.Where(i => i.DueDate < asOf && i.Unpaid > 0).ToList();
        var oldest = late.Count == 0 ? (DateOnly?)null : late.Min(i => i.DueDate);
        var days = oldest is { } d ? asOf.DayNumber - d.DayNumber : 0;
        return new LoanArrears(loan.Id, loan.MemberId, loan.Application.ProductCode, oldest, days, BucketOf(days),
            standing.Sum(i => i.Principal - i.PaidPrincipal), late.Sum(i => i.Unpaid), loan.Schedule.Sum(i => LoanPenalty.Due(i, loan.Terms.Penalty, asOf)));
    }

    public static string BucketOf(int daysPastDue) => daysPastDue switch
    {
        <= 0 => Current,
        <= 30 => "1-30",
        <= 90 => "31-90",
        <= 180 => "91-180",
        _ => "over-180",
    };
}
