namespace Koperasi.Functions.Payments;

/// <summary>
/// What we know of one provider payment: the furthest status, the money first reported received (first wins, so every
/// later notification posts the same deposit), the member and account it goes to once matched or assigned, and its refunds.
/// </summary>
public sealed record PaymentState(
    string CooperativeId,
    string Key,
    string Source,
    string ProviderPaymentId,
    string Status,
    int Rank,
    string? Reference,
    long? Amount,
    DateTimeOffset? PaidAt,
    string? MemberId,
    string? Account,
    IReadOnlyList<RefundState> Refunds)
{
    /// <summary>The payment row's ETag when this state was read or written: the fence that ends an application.</summary>
    public Azure.ETag Version { get; init; }

    /// <summary>When the treasurer assigned it (it was listed unmatched until then).</summary>
    public DateTimeOffset? AssignedAt { get; init; }

    /// <summary>The loan the payment repays, when its reference (or the assignment) names one; the account is then piutang_pinjaman.</summary>
    public string? LoanId { get; init; }

    public bool IsPaid => Amount is not null && PaidAt is not null;

    public bool IsMatched => MemberId is not null && Account is not null;

    public string DepositId => PaymentKeys.DepositId(Source, Key);

    public string SuspenseId => PaymentKeys.SuspenseId(Source, Key);
}
