namespace Koperasi.Bench;

/// <summary>One row of the benchmark table: a figure, its value, the baseline it is measured against, and the ratio.</summary>
public sealed record Figure(string Name, string Value, string Baseline, double? Ratio, string Target, bool? Met)
{
    public string Row() =>
        $"| {Name} | {Value} | {Baseline} | {(Ratio is { } r ? r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "—")} | {Target} | {(Met is null ? "—" : Met.Value ? "yes" : "no")} |";

    public const string Header = "| figure | value | baseline | ratio | target | met |\n|---|---|---|---|---|---|";
}
