using Koperasi.Functions.Payments;
using Koperasi.Functions.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Webhooks;

/// <summary>Registers provider credentials, payment matching and the webhook receivers.</summary>
public static class WebhooksServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProvidersOptions>().Bind(configuration.GetSection(ProvidersOptions.Section))
            .Validate(o => ProvidersOptions.IsValidKey(o.SecretsKey), ProvidersOptions.KeyRule)
            .Validate(o => o.IsValidApi(), ProvidersOptions.ApiRule).ValidateOnStart();
        // The providers' read APIs, to confirm notifications: named clients of the factory, with the configured base and timeout.
        services.AddHttpClient(MidtransStatusApi.ClientName, (sp, http) => Configure(http, sp.GetRequiredService<IOptions<ProvidersOptions>>().Value, o => o.Midtrans));
        services.AddHttpClient(XenditApi.ClientName, (sp, http) => Configure(http, sp.GetRequiredService<IOptions<ProvidersOptions>>().Value, o => o.Xendit));
        services.AddSingleton<MidtransStatusApi>();
        services.AddSingleton<XenditApi>();
        services.AddSingleton<ProviderLookup>();
        services.AddSingleton<SecretCipher>();
        services.AddSingleton<ProviderCredentialStore>();
        services.AddSingleton<ProviderCredentials>();
        services.TryAddSingleton<IPaymentFaults, NoPaymentFaults>();
        services.AddSingleton<PaymentStore>();
        services.AddSingleton<PaymentReferenceStore>();
        services.AddSingleton<PaymentReferences>();
        services.AddSingleton<PaymentPosting>();
        services.AddSingleton<PaymentIntake>();
        services.AddSingleton<PaymentConfirmations>();
        services.AddSingleton<WebhookReceiver>();
        return services;
    }

    private static void Configure(HttpClient http, ProvidersOptions options, Func<ProvidersOptions, ProviderApiOptions> api)
    {
        http.BaseAddress = api(options).BaseAddress;
        http.Timeout = options.ApiTimeout;
    }
}
