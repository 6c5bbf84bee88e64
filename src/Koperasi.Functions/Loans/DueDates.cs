namespace Koperasi.Functions.Loans;

/// <summary>
/// The due dates of a schedule: the same day every month from the first due date. A day the month lacks (the 31st,
/// the 30th in February) becomes that month's last day, and the next month goes back to the anchor day, so the
/// dates never drift (31 Jan → 28 Feb → 31 Mar). Dates are calendar dates in the cooperative's time zone.
/// </summary>
public sealed record DueDates
{
    private DueDates(DateOnly first, int anchorDay)
    {
        First = first;
        AnchorDay = anchorDay;
    }

    public DateOnly First { get; }

    /// <summary>The day of the month installments fall on (1-31).</summary>
    public int AnchorDay { get; }

    /// <summary>The default: one month after disbursement, on the disbursement date's day.</summary>
    public static DueDates AfterDisbursement(DateOnly disbursedOn) => new(disbursedOn.AddMonths(1), disbursedOn.Day);

    /// <summary>A first due date chosen by the applicant; its day is the anchor.</summary>
    public static DueDates StartingOn(DateOnly firstDueDate) => new(firstDueDate, firstDueDate.Day);

    /// <summary>The due date of installment <paramref name="number"/> (1-based).</summary>
    public DateOnly For(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var month = new DateOnly(First.Year, First.Month, 1).AddMonths(number - 1);
        return new DateOnly(month.Year, month.Month, Math.Min(AnchorDay, DateTime.DaysInMonth(month.Year, month.Month)));
    }
}
