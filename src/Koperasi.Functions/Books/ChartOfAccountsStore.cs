using Azure.Data.Tables;
using Koperasi.Functions.Api;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Providers;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Books;

/// <summary>
/// A cooperative's chart of accounts in the <c>books</c> table, partition <c>{coop}|accounts</c>: one row per account
/// the cooperative named or changed (a built-in's new name or parent, or an account of its own), and a version row
/// that every change rewrites If-Match in the same entity-group transaction, so two concurrent changes cannot both
/// pass the parent and cycle checks against a chart the other one changed. Built-ins never lose their class: the
/// postings, the year close and the reports decide sides by it.
/// </summary>
public sealed class ChartOfAccountsStore(StorageAccount storage, ProviderCredentialStore providers, ConcurrencyRetry retry, TimeProvider time)
{
    /// <summary>At most this many accounts of its own: each adds two columns to the general journal's rollups (252 properties a row).</summary>
    public const int MaxOwnAccounts = 80;
    private const string VersionRow = "~version";

    public static string Partition(string cooperativeId) => $"{cooperativeId}|accounts";

    public async Task<CooperativeChart> LoadAsync(string cooperativeId, CancellationToken cancellationToken = default) =>
        (await ReadAsync(cooperativeId, cancellationToken)).Chart;

    /// <summary>Every account: built-ins (with the Standard Webhooks clearing accounts of the providers set up), then the cooperative's own.</summary>
    public async Task<ListPage<ChartAccount>> ListAsync(string cooperativeId, CancellationToken cancellationToken = default)
    {
        var chart = await LoadAsync(cooperativeId, cancellationToken);
        var clearing = (await providers.ListAsync(cooperativeId, cancellationToken))
            .Where(p => p.Name is not null && ChartOfAccounts.TryContraAccountFor(ChartOfAccounts.StandardSourcePrefix + p.Name, out _))
            .Select(p => chart.Find(ChartOfAccounts.StandardClearingPrefix + p.Name)!);
        var items = chart.Accounts.Concat(clearing).DistinctBy(a => a.Code)
            .OrderBy(a => !a.BuiltIn).ThenBy(a => a.Class).ThenBy(a => a.Code, StringComparer.Ordinal).ToList();
        return new ListPage<ChartAccount>(items, null);
    }

    public async Task<ChartAccount> PutAsync(string cooperativeId, AccountRequest request, CancellationToken cancellationToken = default)
    {
        var table = await storage.TableAsync(StorageNames.BooksTable, cancellationToken);
        return await retry.ExecuteAsync(async ct =>
        {
            var (chart, version) = await ReadAsync(cooperativeId, ct);
            var existing = chart.Find(request.Code);
            await CheckAsync(cooperativeId, chart, existing, request, ct);
            var account = new ChartAccount(request.Code, request.Name, request.Class, request.Parent, existing?.BuiltIn ?? false);
            var row = new TableEntity(Partition(cooperativeId), request.Code)
            {
                ["Name"] = account.Name,
                ["Class"] = account.Class.ToString(),
                ["Parent"] = account.Parent,
                ["BuiltIn"] = account.BuiltIn,
                ["UpdatedAt"] = time.GetUtcNow(),
            };
            var next = new TableEntity(Partition(cooperativeId), VersionRow) { ["Version"] = (version?.GetInt64("Version") ?? 0) + 1 };
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, row),
                version is null ? new TableTransactionAction(TableTransactionActionType.Add, next) : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, version.ETag),
            ], ct);
            return account;
        }, cancellationToken);
    }

    private async Task CheckAsync(string cooperativeId, CooperativeChart chart, ChartAccount? existing, AccountRequest request, CancellationToken cancellationToken)
    {
        if (existing is { BuiltIn: true } && existing.Class != request.Class)
        {
            throw new ApiProblemException(ApiProblem.Conflict("builtin_account",
                $"'{request.Code}' is a built-in account of class {Name(existing.Class)}; postings depend on it, so its class cannot change (its name and parent can)."));
        }
        if (existing is null && request.Code.StartsWith("kliring_", StringComparison.Ordinal))
        {
            Invalid("code", "codes starting with 'kliring_' are the payment providers' clearing accounts");
        }
        if (existing is null && chart.Accounts.Count(a => !a.BuiltIn) >= MaxOwnAccounts)
        {
            throw new ApiProblemException(ApiProblem.Conflict("chart_full", $"A cooperative may name at most {MaxOwnAccounts} accounts of its own."));
        }
        if (existing is { BuiltIn: false } && existing.Class != request.Class)
        {
            if (chart.ChildrenOf(request.Code).Any())
            {
                throw new ApiProblemException(ApiProblem.Conflict("account_has_children",
                    $"'{request.Code}' has sub-accounts of class {Name(existing.Class)}; move them first, then change its class."));
            }
            if (await IsUsedAsync(cooperativeId, request.Code, cancellationToken))
            {
                throw new ApiProblemException(ApiProblem.Conflict("account_in_use",
                    $"'{request.Code}' has journal entries; its class decides which side of the books they are on, so it cannot change. Open a new account and move the balance with a journal entry."));
            }
        }
        if (request.Parent is { } parent)
        {
            if (chart.Find(parent) is not { } parentAccount)
            {
                Invalid("parent", "is not an account of this chart");
            }
            else if (parentAccount.Class != request.Class)
            {
                Invalid("parent", $"is of class {Name(parentAccount.Class)}; a sub-account has its parent's class");
            }
            else if (chart.WouldCycle(request.Code, parent))
            {
                Invalid("parent", "would make the account its own ancestor");
            }
        }
    }

    /// <summary>Only the general journal posts to a cooperative's own accounts: its month rollups say whether one was ever used.</summary>
    private async Task<bool> IsUsedAsync(string cooperativeId, string code, CancellationToken cancellationToken)
    {
        var ledger = await storage.TableAsync(StorageNames.LedgerTable, cancellationToken);
        var partition = LedgerKeys.MemberPartition(cooperativeId, LedgerKeys.GeneralJournal);
        var filter = $"PartitionKey eq '{partition.Replace("'", "''", StringComparison.Ordinal)}' and RowKey ge '{LedgerKeys.MonthPrefix}' and RowKey lt 'month}}'";
        await foreach (var row in ledger.QueryAsync<TableEntity>(filter, select: [LedgerKeys.DebitColumn(code), LedgerKeys.CreditColumn(code)], cancellationToken: cancellationToken))
        {
            if ((row.GetInt64(LedgerKeys.DebitColumn(code)) ?? 0) != 0 || (row.GetInt64(LedgerKeys.CreditColumn(code)) ?? 0) != 0)
            {
                return true;
            }
        }
        return false;
    }

    private async Task<(CooperativeChart Chart, TableEntity? Version)> ReadAsync(string cooperativeId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.BooksTable, cancellationToken);
        var accounts = CooperativeChart.Starter();
        TableEntity? version = null;
        var partition = Partition(cooperativeId);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (row.RowKey == VersionRow)
            {
                version = row;
                continue;
            }
            var builtIn = accounts.TryGetValue(row.RowKey, out var standard) && standard.BuiltIn;
            accounts[row.RowKey] = new ChartAccount(row.RowKey, row.GetString("Name"),
                builtIn ? standard!.Class : Enum.Parse<AccountClass>(row.GetString("Class")), row.GetString("Parent"), builtIn);
        }
        return (new CooperativeChart(accounts), version);
    }

    private static string Name(AccountClass accountClass) => accountClass.ToString().ToLowerInvariant();

    private static void Invalid(string field, string message) =>
        throw new ApiProblemException(ApiProblem.Validation("validation_failed", "One or more fields are not valid.",
            new Dictionary<string, string[]> { [field] = [message] }));
}
