namespace Koperasi.Bench;

public sealed record IntakeResult(double HttpPerSecond, double RawPerSecond, TimeSpan P50, TimeSpan P99, int Refused)
{
    public double Ratio => HttpPerSecond / RawPerSecond;
}
