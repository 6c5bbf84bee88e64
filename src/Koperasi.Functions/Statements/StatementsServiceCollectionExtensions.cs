using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Statements;

/// <summary>Registers monthly statements: options (validated at start), the run, the delivery and the sender the mode picks.</summary>
public static class StatementsServiceCollectionExtensions
{
    public static IServiceCollection AddStatements(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidation>();
        services.AddOptions<StatementOptions>().Bind(configuration.GetSection(StatementOptions.Section))
            .Validate(o => o.SettleSeconds >= 0, "Statements:SettleSeconds must not be negative.")
            .ValidateOnStart();

        services.AddSingleton<StatementStore>();
        services.AddSingleton<StatementQueue>();
        services.AddSingleton<StatementReader>();
        services.AddSingleton<StatementRuns>();
        services.AddSingleton<StatementDelivery>();
        services.AddSingleton<QueuedStatementDelivery>();
        services.AddSingleton<OutboxStatementSender>();
        services.AddSingleton<SendGridStatementSender>();
        services.AddSingleton<IStatementSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Mode == EmailMode.SendGrid
            ? sp.GetRequiredService<SendGridStatementSender>()
            : sp.GetRequiredService<OutboxStatementSender>());
        return services;
    }
}
