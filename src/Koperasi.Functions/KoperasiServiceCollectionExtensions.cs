using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Audit;
using Koperasi.Functions.Books;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Failures;
using Koperasi.Functions.Health;
using Koperasi.Functions.Imports;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Members;
using Koperasi.Functions.Statements;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Transactions;
using Koperasi.Functions.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Koperasi.Functions;

/// <summary>The one registration both hosts call: the Functions worker and the LocalHost.</summary>
public static class KoperasiServiceCollectionExtensions
{
    public static IServiceCollection AddKoperasi(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PlatformOptions>().Bind(configuration.GetSection(PlatformOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(sp => new StorageClientFactory(configuration, sp.GetServices<Azure.Core.Pipeline.HttpPipelinePolicy>()));
        services.AddSingleton<StorageAccount>();
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<ConcurrencyRetry>();

        services.AddSingleton<ApiEndpoint>();
        services.AddSingleton<Web.WebAssets>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<CallerAuthenticator>();

        services.AddSingleton<CooperativeStore>();
        services.AddSingleton<CooperativeRegistration>();
        services.AddSingleton<MemberStore>();

        services.AddSingleton<TransactionRecordStore>();
        services.AddSingleton<TransactionQueue>();
        services.AddSingleton<TransactionIntake>();
        services.AddSingleton<TransactionStatusReader>();

        // host.json's maxDequeueCount, unless overridden by app settings the way the Functions host reads them.
        services.AddOptions<QueueOptions>().Configure(o => o.MaxDequeueCount =
            configuration.GetValue("AzureFunctionsJobHost:extensions:queues:maxDequeueCount", configuration.GetValue($"{QueueOptions.Section}:MaxDequeueCount", 5)));
        services.TryAddSingleton<IPostingFaults, NoPostingFaults>();
        services.AddSingleton<PostingReviews>();
        services.AddSingleton<MemberClosing>();
        services.AddSingleton<ShardHeads>();
        services.AddSingleton<ShardFolds>();
        services.AddSingleton<LedgerPosting>();
        services.AddSingleton<LedgerReader>();
        services.AddSingleton<LedgerAudit>();
        services.AddSingleton<LedgerQueries>();
        services.AddSingleton<FailureStore>();
        services.AddSingleton<TransactionFailures>();
        services.AddWebhooks(configuration);
        services.AddStatements(configuration);
        services.AddLoans();
        services.AddImports();
        services.AddAudit();
        services.AddBooks();
        services.AddSingleton<Books.Reports.GeneralJournalReads>();
        services.AddSingleton<Books.Reports.BookReports>();
        services.AddSingleton<MemberExit>();
        return services;
    }
}
