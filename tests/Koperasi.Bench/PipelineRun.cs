namespace Koperasi.Bench;

public sealed record PipelineRun(IReadOnlyList<Figure> Figures, bool InvariantsHeld);
