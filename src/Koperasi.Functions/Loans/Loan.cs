namespace Koperasi.Functions.Loans;

/// <summary>
/// A loan (pinjaman) as stored: the application, the product's terms as taken at submission, the schedule with every
/// payment made toward each installment, and the lifecycle's decisions. Disbursement will set <see cref="DisbursedOn"/>
/// and fix the schedule from it; repayment posting will append <see cref="InstallmentPayment"/>s (docs/loans.md).
/// </summary>
public sealed record Loan(
    LoanApplication Application,
    LoanTerms Terms,
    long AdminFee,
    LoanStatus Status,
    IReadOnlyList<LoanInstallment> Schedule,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    DateTimeOffset UpdatedAt)
{
    public string Id => Application.Id;

    public string MemberId => Application.MemberId;

    public DateTimeOffset? ApprovedAt { get; init; }

    public string? ApprovedBy { get; init; }

    public DateTimeOffset? RejectedAt { get; init; }

    public string? RejectedBy { get; init; }

    public string? RejectionReason { get; init; }

    /// <summary>The business date of disbursement (cooperative's zone); null until disbursed.</summary>
    public DateOnly? DisbursedOn { get; init; }

    public DateTimeOffset? DisbursedAt { get; init; }

    /// <summary>Loans that hold one of the member's places for the product (see <see cref="LoanProduct.MaxActiveLoansPerMember"/>).</summary>
    public static bool IsOpen(LoanStatus status) => status is LoanStatus.Submitted or LoanStatus.Approved or LoanStatus.Active;

    public long OutstandingPrincipal => Schedule.Sum(i => i.Principal - i.PaidPrincipal);
}
