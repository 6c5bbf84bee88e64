using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Providers;

/// <summary>
/// AES-256-GCM for provider secrets at rest. The associated data binds a ciphertext to its row (cooperative and
/// provider), so a ciphertext copied to another cooperative's row does not decrypt.
/// </summary>
public sealed class SecretCipher(IOptions<ProvidersOptions> options)
{
    private const string Version = "v1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] key = Convert.FromBase64String(options.Value.SecretsKey);

    public string Encrypt(string plaintext, string context)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + TagSize + data.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(context));
        return Version + Convert.ToBase64String(sealedBytes);
    }

    public string Decrypt(string stored, string context)
    {
        if (!stored.StartsWith(Version, StringComparison.Ordinal))
        {
            throw new CryptographicException("Unknown secret format.");
        }
        var sealedBytes = Convert.FromBase64String(stored[Version.Length..]);
        var data = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), data, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(data);
    }
}
