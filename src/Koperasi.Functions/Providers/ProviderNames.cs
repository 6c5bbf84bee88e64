using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Providers;

/// <summary>The providers as ledger sources (<c>midtrans</c>, <c>xendit</c>, <c>standard:{name}</c>) and the rule for Standard Webhooks names.</summary>
public static class ProviderNames
{
    public const string Midtrans = "midtrans";
    public const string Xendit = "xendit";
    public const string StandardPrefix = ChartOfAccounts.StandardSourcePrefix;
    public const string NameRule = "must be 1-32 characters of a-z, 0-9 and '_'";

    public static string Standard(string name) => StandardPrefix + name;

    public static bool IsValidStandardName(string? name) => ChartOfAccounts.IsStandardProviderName(name);

    /// <summary>A provider source: one the ledger has a clearing account for (the API's own source is not a provider).</summary>
    public static bool IsKnownSource(string? source) =>
        source != Transactions.TransactionMessage.ApiSource && ChartOfAccounts.TryContraAccountFor(source, out _);

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
}
