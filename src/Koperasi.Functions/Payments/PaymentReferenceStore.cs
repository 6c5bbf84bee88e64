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
                ["LoanId"] = reference.LoanId,
                ["Reference"] = reference.Reference,
                ["CreatedAt"] = time.GetUtcNow(),
            }, cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = (await table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken)).Value;
            return reference with { MemberId = existing.GetString("MemberId"), Account = existing.GetString("Account"), LoanId = existing.GetString("LoanId") };
        }
    }

    /// <summary>
    /// The member every matching reference names: exact references (VA number, external id) and order-id prefixes that
    /// match at a boundary (<see cref="PaymentReferenceRules.MatchesAtBoundary"/>). References that name different
    /// members make the payment ambiguous: null, so it is listed unmatched for the treasurer instead of guessed. Among
    /// references of the one member, an exact one, else the longest prefix, picks the account.
    /// </summary>
    public async Task<PaymentMatch?> MatchAsync(string cooperativeId, string source, IReadOnlyList<string> candidates, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.PaymentsTable, cancellationToken);
        var partition = PaymentKeys.ReferencePartition(cooperativeId, source);
        var found = new List<(PaymentMatch Match, int Specificity)>();
        foreach (var candidate in candidates.Where(PaymentReferenceRules.IsStorable).Distinct(StringComparer.Ordinal))
        {
            var exact = await table.GetEntityIfExistsAsync<TableEntity>(partition, ExactPrefix + candidate, cancellationToken: cancellationToken);
            if (exact.HasValue && exact.Value is not null)
            {
                found.Add((ToMatch(exact.Value), int.MaxValue));
            }
        }
        var filter = $"PartitionKey eq '{partition.Replace("'", "''", StringComparison.Ordinal)}' and RowKey ge '{PrefixPrefix}' and RowKey lt 'p}}'";
        await foreach (var rule in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var prefix = rule.RowKey[PrefixPrefix.Length..];
            if (candidates.Any(c => PaymentReferenceRules.MatchesAtBoundary(c, prefix)))
            {
                found.Add((ToMatch(rule), prefix.Length));
            }
        }
        return PaymentReferenceRules.Decide(found);
    }

    private static PaymentMatch ToMatch(TableEntity row) => new(row.GetString("MemberId"), row.GetString("Account"), row.GetString("LoanId"));

    private static string RowKey(PaymentReference reference) => reference.Match == PaymentReferenceRules.Prefix
        ? PrefixPrefix + reference.Reference[..^1]
        : ExactPrefix + reference.Reference;
}
