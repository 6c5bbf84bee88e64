using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Books;

/// <summary>Registers the cooperative's books: the chart of accounts, the general journal and the year close.</summary>
public static class BooksServiceCollectionExtensions
{
    public static IServiceCollection AddBooks(this IServiceCollection services)
    {
        services.AddSingleton<ChartOfAccountsStore>();
        services.AddSingleton<GeneralJournal>();
        services.AddSingleton<YearClose>();
        services.AddSingleton<ShuPolicyStore>();
        services.AddSingleton<ShuDrafts>();
        services.AddSingleton<ShuDistribution>();
        return services;
    }
}
