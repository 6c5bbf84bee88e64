using System.Security.Cryptography;

namespace Koperasi.Functions.Access;

/// <summary>Random lowercase ids for cooperatives and keys: safe in table keys, URLs and key tokens.</summary>
public static class Ids
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string NewId(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
