using System.Security.Cryptography;
using System.Text;

namespace Koperasi.Functions.Webhooks;

/// <summary>
/// Midtrans' notification signature: <c>signature_key = hex(SHA512(order_id + status_code + gross_amount + ServerKey))</c>
/// over the strings exactly as received, compared in constant time.
/// </summary>
public static class MidtransSignature
{
    public static string Compute(string orderId, string statusCode, string grossAmount, string serverKey) =>
        Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(orderId + statusCode + grossAmount + serverKey)));

    public static bool Verify(string orderId, string statusCode, string grossAmount, string serverKey, string? signatureKey)
    {
        var expected = SHA512.HashData(Encoding.UTF8.GetBytes(orderId + statusCode + grossAmount + serverKey));
        if (signatureKey is null || signatureKey.Length != expected.Length * 2)
        {
            return false;
        }
        try
        {
            return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(signatureKey));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
