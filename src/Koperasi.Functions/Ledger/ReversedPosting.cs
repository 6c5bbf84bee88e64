namespace Koperasi.Functions.Ledger;

/// <summary>
/// The posting a reversal refers to, as found in the member's partition: the account it was asked for, the account
/// it actually credited (<see cref="PostedAccount"/>: provider money refused by a rule lands in sukarela), its amount
/// and how much of it has been reversed already.
/// </summary>
public sealed record ReversedPosting(string Id, string Kind, string Account, long Amount, long AlreadyReversed, string? PostedAccount = null)
{
    public string LandedIn => PostedAccount ?? Account;

    public long Left => Math.Max(0, Amount - AlreadyReversed);
}
