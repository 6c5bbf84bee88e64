namespace Koperasi.Bench;

public static class Stats
{
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> samples, double p)
    {
        if (samples.Count == 0)
        {
            return TimeSpan.Zero;
        }
        var sorted = samples.OrderBy(s => s).ToList();
        var index = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    public static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " ms";

    public static string PerSecond(double rate) => rate.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "/s";

    public static string F(double value, string format = "0.00") => value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
