using System.Text.RegularExpressions;
using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Providers;

/// <summary>The providers as ledger sources (<c>midtrans</c>, <c>xendit</c>, <c>standard:{name}</c>) and the rule for Standard Webhooks names.</summary>
public static partial class ProviderNames
{
    public const string Midtrans = "midtrans";
    public const string Xendit = "xendit";
    public const string StandardPrefix = "standard:";
    public const string NameRule = "must be 1-32 characters of a-z, 0-9 and '_'";

    public static string Standard(string name) => StandardPrefix + name;

    public static bool IsValidStandardName(string? name) => name is not null && StandardName().IsMatch(name);

    public static bool IsKnownSource(string? source) =>
        source is Midtrans or Xendit || (source is not null && source.StartsWith(StandardPrefix, StringComparison.Ordinal) && IsValidStandardName(source[StandardPrefix.Length..]));

    /// <summary>A short prefix for posting ids, so a ledger line shows where it came from.</summary>
    public static string PostingPrefix(string source) => source switch
    {
        Midtrans => "mt",
        Xendit => "xd",
        _ => "sw",
    };

    public static string Label(string source) => source switch
    {
        Midtrans => "Midtrans",
        Xendit => "Xendit",
        _ => "Standard Webhooks " + source[StandardPrefix.Length..],
    };

    /// <summary>Checked here so a provider we accept always has a clearing account in the ledger.</summary>
    public static string ClearingAccount(string source) => ChartOfAccounts.ContraAccountFor(source);

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex StandardName();
}
