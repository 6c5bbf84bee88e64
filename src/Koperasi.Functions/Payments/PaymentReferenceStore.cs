using Azure;
using Azure.Data.Tables;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Payments;

/// <summary>
/// The index that maps a provider's reference to a member, in the <c>payments</c> table with one partition per
/// cooperative and provider (<c>{cooperativeId}|ref|{provider}</c>): an exact reference (VA number, external id) is
/// one point read (<c>x|{reference}</c>); order-id prefixes are the short list of <c>p|{prefix}</c> rows, longest wins.
/// </summary>
public sealed class PaymentReferenceStore(StorageAccount storage, TimeProvider time)
{
    private const string ExactPrefix = "x|";
    private const string PrefixPrefix = "p|";

    /// <summary>Adds the reference; returns the existing one when it is already taken (by this member or another).</summary>
    public async Task<PaymentReference?> AddAsync(string cooperativeId, PaymentReference reference, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        var partition = PaymentKeys.ReferencePartition(cooperativeId, reference.Provider);
        var row = RowKey(reference);
        try
        {
            await table.AddEntityAsync(new TableEntity(partition, row)
            {
                ["MemberId"] = reference.MemberId,
                ["Account"] = reference.Account,
                ["Reference"] = reference.Reference,
                ["CreatedAt"] = time.GetUtcNow(),
            }, cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = (await table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken)).Value;
            return reference with { MemberId = existing.GetString("MemberId"), Account = existing.GetString("Account") };
        }
    }

    /// <summary>The member of the first candidate with an exact reference, else of the longest prefix any candidate starts with.</summary>
    public async Task<PaymentMatch?> MatchAsync(string cooperativeId, string source, IReadOnlyList<string> candidates, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        var partition = PaymentKeys.ReferencePartition(cooperativeId, source);
        foreach (var candidate in candidates.Where(PaymentReferenceRules.IsStorable))
        {
            var exact = await table.GetEntityIfExistsAsync<TableEntity>(partition, ExactPrefix + candidate, cancellationToken: cancellationToken);
            if (exact.HasValue && exact.Value is not null)
            {
                return new PaymentMatch(exact.Value.GetString("MemberId"), exact.Value.GetString("Account"));
            }
        }
        PaymentMatch? best = null;
        var bestLength = 0;
        var filter = $"PartitionKey eq '{partition.Replace("'", "''", StringComparison.Ordinal)}' and RowKey ge '{PrefixPrefix}' and RowKey lt 'p}}'";
        await foreach (var rule in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var prefix = rule.RowKey[PrefixPrefix.Length..];
            if (prefix.Length > bestLength && candidates.Any(c => c.StartsWith(prefix, StringComparison.Ordinal)))
            {
                best = new PaymentMatch(rule.GetString("MemberId"), rule.GetString("Account"));
                bestLength = prefix.Length;
            }
        }
        return best;
    }

    private static string RowKey(PaymentReference reference) => reference.Match == PaymentReferenceRules.Prefix
        ? PrefixPrefix + reference.Reference[..^1]
        : ExactPrefix + reference.Reference;
}
