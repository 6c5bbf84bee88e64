using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Koperasi.Functions.Access;

/// <summary>
/// The bearer token of an API key: <c>kop_{cooperativeId}_{keyId}_{secret}</c>. The cooperative and key ids let a
/// request find its key with one point read; only a SHA-256 hash of the secret is stored.
/// </summary>
public sealed partial record ApiKeyToken(string CooperativeId, string KeyId, string Secret)
{
    public override string ToString() => $"kop_{CooperativeId}_{KeyId}_{Secret}";

    public static ApiKeyToken New(string cooperativeId) =>
        new(cooperativeId, Ids.NewId(10), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));

    public static bool TryParse(string? text, out ApiKeyToken token)
    {
        token = null!;
        var match = text is null ? null : Pattern().Match(text);
        if (match is not { Success: true })
        {
            return false;
        }
        token = new ApiKeyToken(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
        return true;
    }

    public string SecretHash() => Hash(Secret);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool Matches(string storedHash) => CryptographicOperations.FixedTimeEquals(
        Encoding.ASCII.GetBytes(SecretHash()), Encoding.ASCII.GetBytes(storedHash));

    [GeneratedRegex("^kop_([a-z0-9]{1,32})_([a-z0-9]{1,32})_([a-f0-9]{48})$")]
    private static partial Regex Pattern();
}
