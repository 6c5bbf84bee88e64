namespace Koperasi.Functions.Storage;

/// <summary>The names of the connection setting, queues and tables the app uses.</summary>
public static class StorageNames
{
    public const string Connection = "AzureWebJobsStorage";

    public const string TransactionsQueue = "transactions";
    public const string TransactionsPoisonQueue = "transactions-poison";
    public const string StatementsQueue = "statements";
    public const string StatementsPoisonQueue = "statements-poison";
    public const string PaymentConfirmationsQueue = "payment-confirmations";
    public const string PaymentConfirmationsPoisonQueue = "payment-confirmations-poison";
    public const string ImportsQueue = "imports";
    public const string ImportsPoisonQueue = "imports-poison";
    /// <summary>One message per SHU distribution asked for: the fan-out of the members' shares (Books/ShuDistribution).</summary>
    public const string ShuDistributionsQueue = "shu-distributions";
    public const string ShuDistributionsPoisonQueue = "shu-distributions-poison";

    public const string CooperativesTable = "cooperatives";
    public const string ApiKeysTable = "apikeys";
    public const string MembersTable = "members";
    public const string TransactionsTable = "transactions";
    public const string LedgerTable = "ledger";
    public const string FailuresTable = "failures";
    public const string StatementsTable = "statements";
    public const string ProvidersTable = "providers";
    public const string PaymentsTable = "payments";
    public const string LoansTable = "loans";
    public const string ImportsTable = "imports";
    public const string AuditTable = "audit";

    /// <summary>The cooperative's books: its own chart of accounts (Books/).</summary>
    public const string BooksTable = "books";

    public static readonly IReadOnlyList<string> Tables = [CooperativesTable, ApiKeysTable, MembersTable, TransactionsTable, LedgerTable, FailuresTable, StatementsTable, ProvidersTable, PaymentsTable, LoansTable, ImportsTable, BooksTable, AuditTable];
    public static readonly IReadOnlyList<string> Queues = [TransactionsQueue, TransactionsPoisonQueue, StatementsQueue, StatementsPoisonQueue, PaymentConfirmationsQueue, PaymentConfirmationsPoisonQueue, ImportsQueue, ImportsPoisonQueue, ShuDistributionsQueue, ShuDistributionsPoisonQueue];
}
