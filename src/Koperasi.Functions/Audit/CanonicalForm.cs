using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Koperasi.Functions.Audit;

/// <summary>
/// The byte form that the ledger's hashes are taken over: each field in a fixed order as a netstring
/// (<c>{UTF-8 byte length in decimal}:{UTF-8 bytes},</c>), an absent field as <c>-,</c>. Integers are written in
/// decimal without separators, so the form cannot be read two ways and a verifier in any language can rebuild it
/// (docs/audit.md gives the fields).
/// </summary>
public sealed class CanonicalForm
{
    private readonly MemoryStream bytes = new();

    public CanonicalForm Add(string? value)
    {
        if (value is null)
        {
            bytes.Write("-,"u8);
            return this;
        }
        var utf8 = Encoding.UTF8.GetBytes(value);
        bytes.Write(Encoding.ASCII.GetBytes(utf8.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        bytes.Write(utf8);
        bytes.WriteByte((byte)',');
        return this;
    }

    public CanonicalForm Add(long value) => Add(value.ToString(CultureInfo.InvariantCulture));

    public byte[] ToArray() => bytes.ToArray();

    /// <summary>The lowercase hex SHA-256 of the form, optionally after a one-byte domain prefix (Merkle leaves).</summary>
    public string Sha256Hex(byte? prefix = null)
    {
        var body = ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(prefix is { } p ? [p, .. body] : body));
    }
}
