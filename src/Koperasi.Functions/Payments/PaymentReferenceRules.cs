using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Api;
using Koperasi.Functions.Providers;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Payments;

/// <summary>
/// Reads <c>{provider, reference, account}</c>. A reference ending in <c>*</c> is an order-id prefix (<c>KSP-A001-*</c>);
/// any other is matched exactly (a VA number or an external id). Provider is <c>midtrans</c>, <c>xendit</c> or <c>standard:{name}</c>.
/// </summary>
public static partial class PaymentReferenceRules
{
    public const string Exact = "exact";
    public const string Prefix = "prefix";
    public const int MaxReference = 128;

    public static PaymentReference Read(string memberId, JsonElement body)
    {
        var fields = new JsonFields(body, "provider", "reference", "account");
        var provider = fields.String("provider", required: true, maxLength: 64);
        if (provider is not null && !ProviderNames.IsKnownSource(provider))
        {
            fields.Add("provider", "must be midtrans, xendit or standard:{name} (name: 1-32 of a-z, 0-9, '_')");
        }
        var reference = fields.String("reference", required: true, maxLength: MaxReference, Reference(),
            "must be letters, digits and . _ ~ : @ + - (end it with * for an order-id prefix)");
        var account = fields.OneOf("account", required: true, TransactionKinds.SavingsAccounts.ToArray());
        fields.ThrowIfInvalid("invalid_payment_reference", "The payment reference is not valid.");
        return new PaymentReference(memberId, provider!, reference!, account!, reference!.EndsWith('*') ? Prefix : Exact);
    }

    /// <summary>Only references made of these characters can be table keys; a provider reference with others matches prefixes only.</summary>
    public static bool IsStorable(string reference) => reference.Length <= MaxReference && Storable().IsMatch(reference);

    [GeneratedRegex(@"^[A-Za-z0-9._~:@+-]+\*?$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^[A-Za-z0-9._~:@+-]+$")]
    private static partial Regex Storable();
}
