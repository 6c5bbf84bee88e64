using System.Security.Cryptography;
using System.Text;

namespace Koperasi.Functions.Webhooks;

/// <summary>Xendit's static <c>x-callback-token</c>, compared in constant time (hashed first, so the length leaks nothing either).</summary>
public static class XenditCallbackToken
{
    public const string Header = "x-callback-token";

    public static bool Verify(string expected, string? received) =>
        received is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(received)));
}
