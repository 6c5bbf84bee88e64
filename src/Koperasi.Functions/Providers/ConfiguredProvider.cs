namespace Koperasi.Functions.Providers;

/// <summary>A provider credential that is set, without the secret: <c>{provider, name?, verifyWithProvider?, updatedAt}</c>.</summary>
public sealed record ConfiguredProvider(string Provider, string? Name, DateTimeOffset UpdatedAt)
{
    /// <summary>Midtrans and Xendit only: whether money-moving notifications are confirmed with the provider's API.</summary>
    public bool? VerifyWithProvider { get; init; }
}
