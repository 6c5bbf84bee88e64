using System.Globalization;
using System.Text.RegularExpressions;

namespace Koperasi.Functions.Imports;

/// <summary>
/// Reads rupiah amounts and dates the way Indonesian spreadsheets write them: <c>1.250.000</c>, <c>Rp 1.250.000</c>,
/// <c>1250000</c>, <c>1.250.000,00</c>; dates <c>yyyy-mm-dd</c>, <c>dd/mm/yyyy</c>, <c>dd-mm-yyyy</c>, <c>dd.mm.yyyy</c> or an
/// XLSX date cell. What could mean two things (<c>1,250</c>: one thousand two hundred fifty, or one and a quarter?)
/// is refused, never guessed.
/// </summary>
public static partial class SheetValues
{
    public const string AmountRule = "write whole rupiah, such as 1250000 or 1.250.000";
    public const string DateRule = "write a date as dd/mm/yyyy or yyyy-mm-dd, such as 31/01/2024";
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy"];

    /// <summary>An amount in whole rupiah (empty is zero), or the plain reason it cannot be read.</summary>
    public static (long? Amount, string? Error) Rupiah(SheetCell cell, long max)
    {
        if (cell.IsFormula)
        {
            return (null, FormulaError);
        }
        if (cell.Number is { } number)
        {
            return number != Math.Floor(number) ? (null, $"{cell.Text} has sen; {AmountRule}")
                : number < 0 ? (null, "must not be negative")
                : number > max ? (null, TooLarge(max))
                : ((long)number, null);
        }
        var text = cell.Text.Trim();
        if (text.Length == 0)
        {
            return (0, null);
        }
        var digits = text.StartsWith("Rp", StringComparison.OrdinalIgnoreCase) ? text[2..].TrimStart('.', ' ', '\u00a0') : text;
        digits = digits.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        if (digits.StartsWith('-'))
        {
            return (null, "must not be negative");
        }
        string? whole = Plain().IsMatch(digits) ? digits
            : DotGroups().Match(digits) is { Success: true } dots ? dots.Groups["int"].Value.Replace(".", "", StringComparison.Ordinal)
            : CommaGroups().Match(digits) is { Success: true } commas ? commas.Groups["int"].Value.Replace(",", "", StringComparison.Ordinal)
            : PlainWithZeroSen().Match(digits) is { Success: true } plain ? plain.Groups["int"].Value
            : null;
        if (whole is null && Ambiguous().IsMatch(digits))
        {
            return (null, $"'{text}' could be read two ways (a thousands comma, or a decimal comma); write {digits.Replace(",", "", StringComparison.Ordinal)} or {digits.Replace(',', '.')}");
        }
        if (whole is null)
        {
            return (null, HasSen().IsMatch(digits) ? $"'{text}' has sen; {AmountRule}" : $"'{text}' is not an amount; {AmountRule}");
        }
        return long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount <= max
            ? (amount, null)
            : (null, TooLarge(max));
    }

    private static string TooLarge(long max) => $"is more than {max.ToString("N0", CultureInfo.InvariantCulture).Replace(',', '.')}";

    /// <summary>A calendar date (empty is none), or the plain reason it cannot be read.</summary>
    public static (DateOnly? Date, string? Error) Date(SheetCell cell)
    {
        if (cell.IsFormula)
        {
            return (null, FormulaError);
        }
        if (cell.Number is { } serial)
        {
            // An XLSX date is a day count (1900 system); whole days only.
            return serial >= 1 && serial < 2_958_466 && serial == Math.Floor(serial)
                ? (DateOnly.FromDateTime(DateTime.FromOADate(serial)), null)
                : (null, $"{cell.Text} is not a date; {DateRule}");
        }
        var text = cell.Text.Trim();
        if (text.Length == 0)
        {
            return (null, null);
        }
        return DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year >= 1900
            ? (date, null)
            : (null, $"'{text}' is not a date; {DateRule}");
    }

    /// <summary>A whole count such as a term in months (empty is none), between <paramref name="min"/> and <paramref name="max"/>, or the plain reason it cannot be read.</summary>
    public static (int? Value, string? Error) Count(SheetCell cell, int min, int max)
    {
        if (cell.IsFormula)
        {
            return (null, FormulaError);
        }
        var text = cell.Text.Trim();
        if (cell.Number is null && text.Length == 0)
        {
            return (null, null);
        }
        decimal? value = cell.Number is { } n ? (decimal)n
            : decimal.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        return value is not { } v || v != decimal.Truncate(v) ? (null, $"'{text}' is not a whole number; write it as digits, such as {min + 1}")
            : v < min || v > max ? (null, $"must be between {min} and {max}")
            : ((int)v, null);
    }

    /// <summary>
    /// A percentage as the treasurer writes it, <c>1,5</c>, <c>1.5</c> or <c>1,5%</c> (an XLSX number is the figure
    /// itself, 1.5 for 1.5%), in whole basis points (at most two decimals), up to <paramref name="maxBps"/>.
    /// </summary>
    public static (int? Bps, string? Error) Percent(SheetCell cell, int maxBps)
    {
        if (cell.IsFormula)
        {
            return (null, FormulaError);
        }
        var text = cell.Text.Trim().TrimEnd('%').Trim();
        if (cell.Number is null && text.Length == 0)
        {
            return (null, null);
        }
        decimal? value = cell.Number is { } n ? (decimal)n
            : PercentText().IsMatch(text) ? decimal.Parse(text.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : null;
        if (value is not { } v)
        {
            return (null, $"'{cell.Text.Trim()}' is not a percentage; write it such as 1,5 (for 1.5% a month)");
        }
        var bps = v * 100;
        return bps != decimal.Truncate(bps) ? (null, $"'{cell.Text.Trim()}' has more than two decimals; write it such as 1,25")
            : bps > maxBps ? (null, $"must be at most {maxBps / 100m}% a month")
            : ((int)bps, null);
    }

    [GeneratedRegex(@"^\d{1,3}([.,]\d+)?$")]
    private static partial Regex PercentText();

    public const string FormulaError = "holds a formula; paste the values only (Paste Special > Values), so the import reads what you see";

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex Plain();

    /// <summary>Dots group thousands (1.250.000), with at most a zero fraction after a comma (1.250.000,00).</summary>
    [GeneratedRegex(@"^(?<int>\d{1,3}(\.\d{3})+)(,0{1,2})?$")]
    private static partial Regex DotGroups();

    /// <summary>Commas group thousands only with two groups or more (1,250,000), so 1,250 stays refused.</summary>
    [GeneratedRegex(@"^(?<int>\d{1,3}(,\d{3}){2,})(\.0{1,2})?$")]
    private static partial Regex CommaGroups();

    /// <summary>An ungrouped amount with a zero fraction: 1250000,00 or 1250000.00 (two decimals, never a thousands group).</summary>
    [GeneratedRegex(@"^(?<int>\d+)[.,]0{2}$")]
    private static partial Regex PlainWithZeroSen();

    [GeneratedRegex(@"^\d{1,3},\d{3}$")]
    private static partial Regex Ambiguous();

    [GeneratedRegex(@"[.,]\d{1,2}$")]
    private static partial Regex HasSen();
}
