namespace Koperasi.Functions.Providers;

/// <summary>
/// A provider's stored credentials, decrypted: the secret that verifies its calls (server key, callback token, signing
/// secret), whether money-moving notifications are confirmed with the provider's API, and Xendit's read-only API key.
/// </summary>
public sealed record ProviderSecrets(string Secret, bool VerifyWithProvider, string? ApiKey);
