using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Audit;

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<RequestAudit>();
        services.AddSingleton<MonthlyRoots>();
        services.AddSingleton<AuditQueries>();
        return services;
    }
}
