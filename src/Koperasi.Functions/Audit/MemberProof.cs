namespace Koperasi.Functions.Audit;

/// <summary>
/// What a member needs to confirm that the digest on their statement is in the month's root: the head (its first 16
/// hex digits are the statement's digest), the leaf built from it, and the siblings from the leaf to the root.
/// </summary>
public sealed record MemberProof(string MemberId, string Period, long Sequence, string Head, string Digest, string Leaf, IReadOnlyList<MerkleStep> Path, string Root);
