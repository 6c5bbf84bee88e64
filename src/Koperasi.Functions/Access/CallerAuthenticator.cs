using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Koperasi.Functions.Access;

/// <summary>
/// Turns <c>Authorization: Bearer</c> into a <see cref="Caller"/>. Verified keys are remembered for
/// <see cref="CacheFor"/> so that a busy teller does not cost a storage read per request; a revoked key
/// therefore stops working within that time on every instance.
/// </summary>
public sealed class CallerAuthenticator(ApiKeyStore keys, IOptions<PlatformOptions> platform, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Until)> verified = new(StringComparer.Ordinal);

    public async Task<Caller?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var bearer = BearerToken(request);
        if (bearer is null || !ApiKeyToken.TryParse(bearer, out var token))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (verified.TryGetValue(bearer, out var hit) && hit.Until > now)
        {
            return hit.Caller;
        }
        var caller = await keys.FindCallerAsync(token, cancellationToken);
        if (caller is null)
        {
            verified.TryRemove(bearer, out _);
            return null;
        }
        if (verified.Count > 10_000)
        {
            verified.Clear();
        }
        verified[bearer] = (caller, now + CacheFor);
        return caller;
    }

    public void Forget(string cooperativeId, string keyId)
    {
        foreach (var entry in verified.Where(e => e.Value.Caller.CooperativeId == cooperativeId && e.Value.Caller.KeyId == keyId))
        {
            verified.TryRemove(entry.Key, out _);
        }
    }

    public bool IsPlatformAdmin(HttpRequest request)
    {
        var bearer = BearerToken(request);
        var expected = platform.Value.AdminKey;
        return bearer is not null && expected.Length > 0 &&
            CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(bearer)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }
}
