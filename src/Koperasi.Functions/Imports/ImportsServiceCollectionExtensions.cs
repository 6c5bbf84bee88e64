using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Imports;

public static class ImportsServiceCollectionExtensions
{
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddSingleton<ImportStore>();
        services.AddSingleton<ImportIntake>();
        services.AddSingleton<ImportChunks>();
        services.AddSingleton<Exports>();
        return services;
    }
}
