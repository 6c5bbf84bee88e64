namespace Koperasi.Functions.Providers;

/// <summary>Settings section <c>Providers</c>: the AES-256 key (base64 of 32 random bytes) that encrypts provider secrets at rest.</summary>
public sealed class ProvidersOptions
{
    public const string Section = "Providers";
    public const string KeyRule = "Providers:SecretsKey must be the base64 of 32 random bytes (openssl rand -base64 32).";

    public string SecretsKey { get; set; } = "";

    public static bool IsValidKey(string? key)
    {
        var buffer = new byte[64];
        return !string.IsNullOrWhiteSpace(key) && Convert.TryFromBase64String(key, buffer, out var written) && written == 32;
    }
}
