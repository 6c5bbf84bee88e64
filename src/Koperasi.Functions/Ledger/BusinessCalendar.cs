using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// The business date of a posting: its instant as a date in the cooperative's time zone, or, when that month is
/// already closed by a statement run, the first day of the open period (the original instant is kept).
/// </summary>
public static class BusinessCalendar
{
    public static DateOnly LocalDate(DateTimeOffset instant, Cooperative cooperative) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, cooperative.Zone).DateTime);

    public static DateOnly BusinessDate(DateTimeOffset occurredAt, Cooperative cooperative) => BusinessDate(occurredAt, cooperative, cooperative.ClosedThrough);

    /// <summary>The business date when the months through <paramref name="closedThrough"/> (a month's first day) are closed.</summary>
    public static DateOnly BusinessDate(DateTimeOffset occurredAt, Cooperative cooperative, DateOnly? closedThrough)
    {
        var date = LocalDate(occurredAt, cooperative);
        if (closedThrough is { } closed && new DateOnly(date.Year, date.Month, 1) <= closed)
        {
            return closed.AddMonths(1);
        }
        return date;
    }

    /// <summary>
    /// A posting's business date: as <see cref="BusinessDate(DateTimeOffset, Cooperative, DateOnly?)"/>, except the year
    /// close's own journal, which is dated the last day of the year it closes although that year is closed by then.
    /// </summary>
    public static DateOnly BusinessDate(TransactionMessage m, Cooperative cooperative, DateOnly? closedThrough) =>
        m.Kind == TransactionKinds.YearClose ? LocalDate(m.OccurredAt, cooperative) : BusinessDate(m.OccurredAt, cooperative, closedThrough);

    public static DateOnly Today(TimeProvider time, Cooperative cooperative) => LocalDate(time.GetUtcNow(), cooperative);
}
