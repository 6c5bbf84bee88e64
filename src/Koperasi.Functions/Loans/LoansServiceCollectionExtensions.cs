using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Loans;

/// <summary>Registers loans: products, the lifecycle and their storage.</summary>
public static class LoansServiceCollectionExtensions
{
    public static IServiceCollection AddLoans(this IServiceCollection services)
    {
        services.AddSingleton<LoanProductStore>();
        services.AddSingleton<LoanStore>();
        services.AddSingleton<LoanLifecycle>();
        services.AddSingleton<LoanServicing>();
        services.AddSingleton<LoanOpenings>();
        return services;
    }
}
