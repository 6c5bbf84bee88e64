using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Koperasi.Functions.Webhooks;

/// <summary>
/// The Standard Webhooks scheme: <c>webhook-signature</c> holds space-separated <c>v1,&lt;base64 HMAC-SHA256&gt;</c>
/// signatures of <c>{webhook-id}.{webhook-timestamp}.{raw body}</c>, keyed with the base64 part of the <c>whsec_</c>
/// secret; any one matching is enough (key rotation), and the timestamp must be within five minutes of now.
/// </summary>
public static class StandardWebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>The HMAC key of a <c>whsec_</c> secret, or null when it is not one.</summary>
    public static byte[]? KeyOf(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
            return key.Length is >= 16 and <= 256 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body) =>
        "v1," + Convert.ToBase64String(Hmac(KeyOf(secret) ?? throw new ArgumentException("Not a whsec_ secret.", nameof(secret)), id, timestamp.ToString(CultureInfo.InvariantCulture), body));

    public static bool Verify(string secret, string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (KeyOf(secret) is not { } key || string.IsNullOrEmpty(id) || string.IsNullOrEmpty(signatures) || !IsFresh(timestamp, now))
        {
            return false;
        }
        var expected = Hmac(key, id, timestamp!, body);
        var matched = false;
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!candidate.StartsWith("v1,", StringComparison.Ordinal))
            {
                continue;
            }
            var decoded = new byte[expected.Length];
            // Keep comparing after a match, so the time taken does not say which signature matched.
            matched |= Convert.TryFromBase64String(candidate[3..], decoded, out var written) && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(expected, decoded);
        }
        return matched;
    }

    public static bool IsFresh(string? timestamp, DateTimeOffset now) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) &&
        seconds < 100_000_000_000 &&
        (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() <= Tolerance;

    private static byte[] Hmac(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, content);
    }
}
