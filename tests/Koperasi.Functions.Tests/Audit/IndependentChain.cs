using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace Koperasi.Functions.Tests.Audit;

/// <summary>
/// The chain, the leaves and the Merkle tree computed from docs/audit.md alone, with this file's own SHA-256 code and
/// none of the app's: what a supervisor's own tool would do. The tests compare its answers with what the app stored and served.
/// </summary>
public static class IndependentChain
{
    public static readonly string Genesis = new('0', 64);

    public static byte[] Netstrings(params string?[] fields)
    {
        var bytes = new List<byte>();
        foreach (var field in fields)
        {
            if (field is null)
            {
                bytes.AddRange("-,"u8.ToArray());
                continue;
            }
            var utf8 = Encoding.UTF8.GetBytes(field);
            bytes.AddRange(Encoding.ASCII.GetBytes($"{utf8.Length}:"));
            bytes.AddRange(utf8);
            bytes.Add((byte)',');
        }
        return bytes.ToArray();
    }

    public static string JournalHash(TableEntity row, string previous)
    {
        var fields = new List<string?>
        {
            "koperasi-journal-v1", row.PartitionKey, long.Parse(row.RowKey["j|".Length..], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            row.GetString("TransactionId"), row.GetString("Kind"), row.GetString("Account"), (row.GetInt64("Amount") ?? 0).ToString(CultureInfo.InvariantCulture),
            row.GetString("BusinessDate"),
            DateTimeOffset.Parse(row.GetString("OccurredAt"), CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            row.GetString("Reference"), row.GetString("Description"), row.GetString("Source"), row.GetString("LoanId"),
        };
        var lines = JsonDocument.Parse(row.GetString("Lines")).RootElement.EnumerateArray().ToList();
        fields.Add(lines.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var line in lines)
        {
            fields.Add(line.GetProperty("Account").GetString());
            fields.Add(line.GetProperty("Debit").GetInt64().ToString(CultureInfo.InvariantCulture));
            fields.Add(line.GetProperty("Credit").GetInt64().ToString(CultureInfo.InvariantCulture));
        }
        fields.Add(previous);
        return Hex(SHA256.HashData(Netstrings([.. fields])));
    }

    /// <summary>Each journal's hash, in sequence order, recomputed from genesis over the rows' content (not their stored hashes).</summary>
    public static List<string> Recompute(IEnumerable<TableEntity> journals)
    {
        var hashes = new List<string>();
        var previous = Genesis;
        foreach (var row in journals.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            previous = JournalHash(row, previous);
            hashes.Add(previous);
        }
        return hashes;
    }

    public static string Digest(string hash) => $"{hash[..4]}-{hash[4..8]}-{hash[8..12]}-{hash[12..16]}";

    public static string Leaf(string cooperativeId, string period, string memberId, long sequence, string head) =>
        Hex(SHA256.HashData([0x00, .. Netstrings("koperasi-leaf-v1", cooperativeId, period, memberId, sequence.ToString(CultureInfo.InvariantCulture), head)]));

    public static string Node(string left, string right) => Hex(SHA256.HashData([0x01, .. Convert.FromHexString(left), .. Convert.FromHexString(right)]));

    public static string Root(IReadOnlyList<string> leaves)
    {
        var level = leaves.ToList();
        while (level.Count > 1)
        {
            level = Enumerable.Range(0, (level.Count + 1) / 2).Select(i => 2 * i + 1 < level.Count ? Node(level[2 * i], level[2 * i + 1]) : level[2 * i]).ToList();
        }
        return level[0];
    }

    /// <summary>Folds a proof's path onto its leaf: the root the proof claims.</summary>
    public static string Fold(string leaf, JsonElement path) =>
        path.EnumerateArray().Aggregate(leaf, (hash, step) => step.GetProperty("side").GetString() == "left"
            ? Node(step.GetProperty("hash").GetString()!, hash)
            : Node(hash, step.GetProperty("hash").GetString()!));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
