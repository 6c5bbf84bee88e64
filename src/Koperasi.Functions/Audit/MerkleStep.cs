namespace Koperasi.Functions.Audit;

/// <summary>One step of a Merkle path: the sibling's hash and on which side of the running hash it goes (<c>left</c> or <c>right</c>).</summary>
public sealed record MerkleStep(string Side, string Hash);
