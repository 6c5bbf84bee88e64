namespace Koperasi.Functions.Audit;

/// <summary>
/// A member's chain head at a month's end: the sequence and hash of the last journal in the chain when the month was
/// closed for the member (docs/audit.md, "Chain head at month end"). <see cref="Digest"/> is what the statement prints.
/// </summary>
public sealed record MonthHead(long Sequence, string Hash)
{
    /// <summary>The first 16 hex digits of the head's hash in groups of four: short enough to read aloud, long enough that a forged chain cannot match it by chance.</summary>
    public string Digest => string.Join('-', Enumerable.Range(0, 4).Select(i => Hash.Substring(i * 4, 4)));
}
