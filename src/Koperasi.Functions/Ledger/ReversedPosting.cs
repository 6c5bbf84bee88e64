namespace Koperasi.Functions.Ledger;

/// <summary>The posting a reversal refers to, as found in the member's partition.</summary>
public sealed record ReversedPosting(string Id, string Kind, string Account, long Amount, long AlreadyReversed);
