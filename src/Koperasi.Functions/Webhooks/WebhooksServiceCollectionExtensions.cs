using Koperasi.Functions.Payments;
using Koperasi.Functions.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Koperasi.Functions.Webhooks;

/// <summary>Registers provider credentials, payment matching and the webhook receivers.</summary>
public static class WebhooksServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProvidersOptions>().Bind(configuration.GetSection(ProvidersOptions.Section))
            .Validate(o => ProvidersOptions.IsValidKey(o.SecretsKey), ProvidersOptions.KeyRule).ValidateOnStart();
        services.AddSingleton<SecretCipher>();
        services.AddSingleton<ProviderCredentialStore>();
        services.AddSingleton<ProviderCredentials>();
        services.TryAddSingleton<IPaymentFaults, NoPaymentFaults>();
        services.AddSingleton<PaymentStore>();
        services.AddSingleton<PaymentReferenceStore>();
        services.AddSingleton<PaymentReferences>();
        services.AddSingleton<PaymentPosting>();
        services.AddSingleton<PaymentIntake>();
        services.AddSingleton<WebhookReceiver>();
        return services;
    }
}
