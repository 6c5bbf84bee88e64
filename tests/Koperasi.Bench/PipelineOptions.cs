namespace Koperasi.Bench;

/// <summary>Sizes of the pipeline benchmark: transactions, members, client concurrency, alternating intake rounds, webhook calls.</summary>
public sealed record PipelineOptions(int Transactions, int Members, int Concurrency, int Rounds, int Webhooks)
{
    public static readonly PipelineOptions Full = new(3_000, 300, 16, 4, 400);
    public static readonly PipelineOptions Smoke = new(600, 50, 16, 2, 100);
}
