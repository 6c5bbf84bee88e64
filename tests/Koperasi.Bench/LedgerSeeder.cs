using Azure.Data.Tables;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Bench;

/// <summary>
/// Writes a member's postings straight into its ledger partition with the ledger's own posting pass (savings rules,
/// marker, journal, balances, rollups) in one entity-group transaction: the rows LedgerPosting would write one by one.
/// Azurite answers a table query by scanning the whole table, so posting tens of thousands of transactions one at a
/// time would measure the emulator; the statements benchmark needs the data, not the posting.
/// </summary>
public static class LedgerSeeder
{
    public static async Task SeedMemberAsync(TableClient ledger, Cooperative cooperative, string memberId, IReadOnlyList<TransactionMessage> postings, DateTimeOffset now)
    {
        var pass = new PostingPass(LedgerKeys.MemberPartition(cooperative.Id, memberId), cooperative, null,
            new Dictionary<string, TableEntity>(), memberKnown: true, now);
        if (postings.Any(m => pass.TryApply(m) is null))
        {
            throw new ArgumentException("The postings do not fit one entity-group transaction (100 entities).", nameof(postings));
        }
        await ledger.SubmitTransactionAsync(pass.Actions());
    }
}
