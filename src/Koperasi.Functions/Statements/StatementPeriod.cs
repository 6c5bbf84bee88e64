using System.Globalization;
using System.Text.RegularExpressions;

namespace Koperasi.Functions.Statements;

/// <summary>A statement month (<c>yyyy-MM</c>), cut in the cooperative's time zone.</summary>
public readonly partial record struct StatementPeriod(int Year, int Month) : IComparable<StatementPeriod>
{
    private static readonly string[] MonthNames =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    public string Key => First.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public DateOnly First => new(Year, Month, 1);

    public DateOnly Last => First.AddMonths(1).AddDays(-1);

    /// <summary>The period as members read it: "Oktober 2026".</summary>
    public string Name => $"{MonthNames[Month - 1]} {Year}";

    public StatementPeriod Previous => Containing(First.AddMonths(-1));

    public StatementPeriod Next => Containing(First.AddMonths(1));

    public static StatementPeriod Containing(DateOnly date) => new(date.Year, date.Month);

    public static bool TryParse(string? text, out StatementPeriod period)
    {
        period = default;
        if (text is null || !Pattern().IsMatch(text))
        {
            return false;
        }
        var date = DateOnly.ParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        period = Containing(date);
        return true;
    }

    /// <summary>"31 Okt 2026": the short Indonesian date used on statements.</summary>
    public static string FormatDate(DateOnly date) => $"{date.Day:00} {MonthNames[date.Month - 1][..3]} {date.Year}";

    /// <summary>"31 Oktober 2026".</summary>
    public static string FormatLongDate(DateOnly date) => $"{date.Day} {MonthNames[date.Month - 1]} {date.Year}";

    public int CompareTo(StatementPeriod other) => First.CompareTo(other.First);

    public static bool operator <(StatementPeriod a, StatementPeriod b) => a.CompareTo(b) < 0;

    public static bool operator >(StatementPeriod a, StatementPeriod b) => a.CompareTo(b) > 0;

    public static bool operator <=(StatementPeriod a, StatementPeriod b) => a.CompareTo(b) <= 0;

    public static bool operator >=(StatementPeriod a, StatementPeriod b) => a.CompareTo(b) >= 0;

    public override string ToString() => Key;

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex Pattern();
}
