using System.Text.RegularExpressions;

namespace Koperasi.Functions.Transactions;

/// <summary>
/// Transaction ids the system makes for provider payments (<c>mt-</c>, <c>xd-</c>, <c>sw-</c>, and <c>mtr-</c>,
/// <c>xdr-</c>, <c>swr-</c> for their refunds: see Payments/PaymentKeys.cs). A client id of that shape could take the
/// ledger id a provider's payment will need, and the payment would then be refused as a conflict; so intake refuses
/// them. Case-insensitive, because a teller's app may upper-case ids.
/// </summary>
public static partial class ReservedIds
{
    public const string Rule = "must not start with mt-, xd-, sw-, mtr-, xdr- or swr-: those ids are reserved for provider payments";

    public static bool IsReserved(string id) => ProviderPrefix().IsMatch(id);

    [GeneratedRegex("^(mt|xd|sw)r?-", RegexOptions.IgnoreCase)]
    private static partial Regex ProviderPrefix();
}
