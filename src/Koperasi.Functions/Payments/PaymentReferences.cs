using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Members;

namespace Koperasi.Functions.Payments;

/// <summary>Registers a member's payment references; registering the same one again is a no-op, another member's is a conflict.</summary>
public sealed class PaymentReferences(PaymentReferenceStore store, MemberStore members, LoanStore loans)
{
    public async Task<PaymentReference> AddAsync(string cooperativeId, string memberId, JsonElement body, CancellationToken cancellationToken = default)
    {
        if (!await members.ExistsAsync(cooperativeId, memberId, cancellationToken))
        {
            throw new ApiProblemException(MembersFunctions.MemberNotFound(memberId));
        }
        var reference = PaymentReferenceRules.Read(memberId, body);
        await PaymentReferenceRules.RequireMemberLoanAsync(loans, cooperativeId, memberId, reference.LoanId, cancellationToken);
        var existing = await store.AddAsync(cooperativeId, reference, cancellationToken);
        if (existing is not null && existing != reference)
        {
            throw new ApiProblemException(ApiProblem.Conflict("payment_reference_taken",
                $"The {reference.Match} reference '{reference.Reference}' of {reference.Provider} already belongs to another member or account."));
        }
        return reference;
    }
}
