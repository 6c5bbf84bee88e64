using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Audit;

/// <summary>
/// The hash chain over one ledger partition's journals (a member's, or the <c>~umum</c> / <c>~titipan</c> holders'):
/// every journal row stores the SHA-256 of its canonical content (<see cref="Canonical"/>), which includes the hash of
/// the journal before it (<see cref="PreviousColumn"/>; <see cref="Genesis"/> for the first), and the balances row
/// carries the head. The posting seals each journal it writes in the same entity-group transaction, so the chain costs
/// no storage request; the ledger check walks each chain and names the first broken link.
/// </summary>
public static class JournalChain
{
    public const string HashColumn = "ChainHash";
    public const string PreviousColumn = "ChainPrevious";
    /// <summary>On the balances row: the hash of the partition's last sealed journal (its sequence is the row's <c>Sequence</c>).</summary>
    public const string HeadColumn = "ChainHead";
    public const string Version = "koperasi-journal-v1";
    /// <summary>What the first sealed journal of a chain links to: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The head a new journal links to, from the balances row read (genesis for a new partition or one whose journals predate the chain).</summary>
    public static string HeadOf(TableEntity? balanceRow) => balanceRow?.GetString(HeadColumn) ?? Genesis;

    /// <summary>Stores the previous hash and the journal's own on the row; answers the journal's hash, the new head.</summary>
    public static string Seal(TableEntity journal, string previous)
    {
        journal[PreviousColumn] = previous;
        var hash = Hash(journal, previous);
        journal[HashColumn] = hash;
        return hash;
    }

    /// <summary>The SHA-256 (lowercase hex) of a journal row's canonical content linked to <paramref name="previous"/>.</summary>
    public static string Hash(TableEntity journal, string previous) => Canonical(journal, previous).Sha256Hex();

    /// <summary>
    /// The fields, in this order: the version, the partition key, the sequence, transaction id, kind, account, amount,
    /// business date (yyyy-MM-dd), occurredAt (the instant in UTC, <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>), reference,
    /// description, source, loan id, the number of lines, then each line's account, debit and credit, and last the previous hash.
    /// </summary>
    public static CanonicalForm Canonical(TableEntity journal, string previous)
    {
        var lines = JsonSerializer.Deserialize<List<JournalLine>>(journal.GetString("Lines") ?? "[]") ?? [];
        var occurredAt = DateTimeOffset.Parse(journal.GetString("OccurredAt"), CultureInfo.InvariantCulture).UtcDateTime;
        var form = new CanonicalForm()
            .Add(Version)
            .Add(journal.PartitionKey)
            .Add(SequenceOf(journal))
            .Add(journal.GetString("TransactionId"))
            .Add(journal.GetString("Kind"))
            .Add(journal.GetString("Account"))
            .Add(journal.GetInt64("Amount") ?? 0)
            .Add(journal.GetString("BusinessDate"))
            .Add(occurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture))
            .Add(journal.GetString("Reference"))
            .Add(journal.GetString("Description"))
            .Add(journal.GetString("Source"))
            .Add(journal.GetString("LoanId"))
            .Add(lines.Count);
        foreach (var line in lines)
        {
            form.Add(line.Account).Add(line.Debit).Add(line.Credit);
        }
        return form.Add(previous);
    }

    public static long SequenceOf(TableEntity journal) =>
        long.Parse(journal.RowKey[LedgerKeys.JournalPrefix.Length..], CultureInfo.InvariantCulture);

    /// <summary>
    /// Walks one partition's journals in sequence order. Journals without a hash before the first sealed one are a
    /// legacy prefix (posted before the chain existed; the chain starts after them at genesis); every later journal
    /// must be sealed, follow its predecessor without a gap, link to its hash and hash to what it stores; the balances
    /// row's head must be the last journal; each recorded month head must be the chain's hash at its sequence.
    /// </summary>
    public static (ChainBreak? Break, int Sealed, int Legacy) Verify(string memberId, IReadOnlyList<TableEntity> rows)
    {
        var journals = rows.Where(r => r.RowKey.StartsWith(LedgerKeys.JournalPrefix, StringComparison.Ordinal)).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        var hashAt = new Dictionary<long, string> { [0] = Genesis };
        int sealedCount = 0, legacy = 0;
        long expected = 1;
        var previous = Genesis;
        ChainBreak Broken(long sequence, string reason, string detail) => new(memberId, sequence, reason, detail);
        foreach (var row in journals)
        {
            var sequence = SequenceOf(row);
            if (sequence != expected)
            {
                return (Broken(expected, "missing", $"journal {expected} is missing (the next one is {sequence})"), sealedCount, legacy);
            }
            expected++;
            if (row.GetString(HashColumn) is not { } stored)
            {
                if (sealedCount > 0)
                {
                    return (Broken(sequence, "unsealed", "a journal after the chain started carries no hash"), sealedCount, legacy);
                }
                legacy++;
                hashAt[sequence] = Genesis;
                continue;
            }
            if (row.GetString(PreviousColumn) != previous)
            {
                return (Broken(sequence, "link_broken", "the journal does not link to the hash of the journal before it"), sealedCount, legacy);
            }
            string recomputed;
            try
            {
                recomputed = Hash(row, previous);
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
            {
                return (Broken(sequence, "unreadable", "the journal's content cannot be read"), sealedCount, legacy);
            }
            if (recomputed != stored)
            {
                return (Broken(sequence, "content_changed", "the journal's content does not hash to the hash it stores"), sealedCount, legacy);
            }
            sealedCount++;
            previous = stored;
            hashAt[sequence] = stored;
        }
        var last = expected - 1;
        if (rows.FirstOrDefault(r => r.RowKey == LedgerKeys.BalanceRow) is { } balance)
        {
            var headSequence = balance.GetInt64(BalanceRow.Sequence) ?? 0;
            if (headSequence > last)
            {
                return (Broken(last + 1, "missing", $"the balances row says journal {headSequence} is the last, but the journals end at {last}"), sealedCount, legacy);
            }
            if (headSequence != last || (balance.GetString(HeadColumn) ?? Genesis) != previous)
            {
                return (Broken(headSequence, "head_mismatch", "the head on the balances row is not the last journal's hash"), sealedCount, legacy);
            }
        }
        foreach (var head in rows.Where(r => r.RowKey.StartsWith(MonthHeads.RowPrefix, StringComparison.Ordinal)))
        {
            var sequence = head.GetInt64(MonthHeads.SequenceColumn) ?? -1;
            if (!hashAt.TryGetValue(sequence, out var actual) || actual != head.GetString(MonthHeads.HashColumn))
            {
                return (Broken(sequence, "month_head_mismatch", $"the head recorded at the close of {head.RowKey[MonthHeads.RowPrefix.Length..]} is not the chain's hash at that journal"), sealedCount, legacy);
            }
        }
        return (null, sealedCount, legacy);
    }
}
