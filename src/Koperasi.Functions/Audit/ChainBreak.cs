namespace Koperasi.Functions.Audit;

/// <summary>
/// The first broken link of one partition's journal chain: whose chain, the journal sequence where it breaks, and why
/// (<c>content_changed</c>, <c>missing</c>, <c>link_broken</c>, <c>unsealed</c>, <c>unreadable</c>, <c>head_mismatch</c>, <c>month_head_mismatch</c>).
/// </summary>
public sealed record ChainBreak(string MemberId, long Sequence, string Reason, string Detail);
