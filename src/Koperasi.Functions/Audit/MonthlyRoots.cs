using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Audit;

/// <summary>
/// The members' chain heads at a month's end, written as the statement run visits each member (one upsert per
/// member, spread over <see cref="Shards"/> partitions <c>{cooperativeId}|roots|{yyyy-MM}|{shard}</c> so no partition is
/// hot), and the Merkle root over them: read back from those partitions alone (one RowKey range each), never by
/// scanning the ledger. Leaves are ordered by member id (ordinal).
/// </summary>
public sealed class MonthlyRoots(StorageAccount storage)
{
    public const int Shards = 16;
    public const string LeafVersion = "koperasi-leaf-v1";

    public static string Partition(string cooperativeId, string period, int shard) =>
        $"{cooperativeId}|roots|{period}|{shard.ToString("D2", CultureInfo.InvariantCulture)}";

    public static int ShardOf(string memberId) => SHA256.HashData(Encoding.UTF8.GetBytes(memberId))[0] % Shards;

    /// <summary><c>SHA-256(0x00 ‖ canonical(version, cooperative id, period, member id, sequence, head))</c>.</summary>
    public static string Leaf(string cooperativeId, string period, string memberId, MonthHead head) =>
        new CanonicalForm().Add(LeafVersion).Add(cooperativeId).Add(period).Add(memberId).Add(head.Sequence).Add(head.Hash).Sha256Hex(0x00);

    /// <summary>Idempotent: the head of a closed month never changes, so a redelivery writes the same row again.</summary>
    public async Task RecordAsync(string cooperativeId, string memberId, string period, MonthHead head, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition(cooperativeId, period, ShardOf(memberId)), memberId)
        {
            [MonthHeads.SequenceColumn] = head.Sequence,
            [MonthHeads.HashColumn] = head.Hash,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<MonthlyRoot?> RootAsync(string cooperativeId, string period, CancellationToken cancellationToken = default)
    {
        var leaves = await LeavesAsync(cooperativeId, period, cancellationToken);
        return leaves.Count == 0 ? null : new MonthlyRoot(period, MerkleTree.Root(leaves.Select(l => l.Leaf).ToList()), leaves.Count);
    }

    public async Task<MemberProof?> ProofAsync(string cooperativeId, string memberId, string period, CancellationToken cancellationToken = default)
    {
        var leaves = await LeavesAsync(cooperativeId, period, cancellationToken);
        var index = leaves.FindIndex(l => l.MemberId == memberId);
        if (index < 0)
        {
            return null;
        }
        var all = leaves.Select(l => l.Leaf).ToList();
        var (_, head, leaf) = leaves[index];
        return new MemberProof(memberId, period, head.Sequence, head.Hash, head.Digest, leaf, MerkleTree.Path(all, index), MerkleTree.Root(all));
    }

    private async Task<List<(string MemberId, MonthHead Head, string Leaf)>> LeavesAsync(string cooperativeId, string period, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var shards = await Task.WhenAll(Enumerable.Range(0, Shards).Select(async shard =>
        {
            var rows = new List<(string, MonthHead, string)>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(cooperativeId, period, shard)}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var head = MonthHeads.Read(row);
                rows.Add((row.RowKey, head, Leaf(cooperativeId, period, row.RowKey, head)));
            }
            return rows;
        }));
        return shards.SelectMany(s => s).OrderBy(l => l.Item1, StringComparer.Ordinal).ToList();
    }
}
