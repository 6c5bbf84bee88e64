namespace Koperasi.Bench;

/// <summary>What one intake or webhook run measured (<see cref="RawPerSecond"/> is NaN where no raw queue loop ran).</summary>
public sealed record IntakeMeasurement(double HttpPerSecond, double RawPerSecond, TimeSpan P50, TimeSpan P99, int Refused)
{
    public double Ratio => HttpPerSecond / RawPerSecond;
}
