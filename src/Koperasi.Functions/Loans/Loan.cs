namespace Koperasi.Functions.Loans;

/// <summary>
/// A loan (pinjaman) as stored: the application, the product's terms as taken at submission, the schedule with every
/// payment made toward each installment, and the lifecycle's decisions. It lives in the member's ledger partition and
/// changes only in the ledger's posting transaction (disbursement, repayment, write-off) or in a read-decide-write
/// with its ETag (approve, reject, waive denda), so a repayment and the loan's paid amounts never disagree.
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

    /// <summary>The key that disbursed the loan.</summary>
    public string? DisbursedBy { get; init; }

    /// <summary>The business date of the repayment that paid the last principal.</summary>
    public DateOnly? ClosedOn { get; init; }

    public DateOnly? WrittenOffOn { get; init; }

    /// <summary>The principal still owed when the loan was written off (Dr beban_penghapusan_piutang, Cr piutang_pinjaman).</summary>
    public long WrittenOffPrincipal { get; init; }

    public string? WrittenOffBy { get; init; }

    public string? WriteOffReason { get; init; }

    /// <summary>How a running loan came in from the books kept before (the loans import); null for a loan disbursed here.</summary>
    public LoanOpening? Opening { get; init; }

    /// <summary>Money received after the write-off (recovery income), one entry per repayment.</summary>
    public IReadOnlyList<LoanRecovery> Recoveries { get; init; } = [];

    /// <summary>The latest business date any payment toward the schedule carries (repayments are allocated in that order).</summary>
    public DateOnly? LastPaymentDate => Schedule.SelectMany(i => i.Payments).Select(p => (DateOnly?)p.Date).Max();

    /// <summary>Loans that hold one of the member's places for the product (see <see cref="LoanProduct.MaxActiveLoansPerMember"/>).</summary>
    public static bool IsOpen(LoanStatus status) => status is LoanStatus.Submitted or LoanStatus.Approved or LoanStatus.Active;

    /// <summary>Principal disbursed and neither repaid nor written off: what the member's piutang_pinjaman holds for this loan.</summary>
    public long OutstandingPrincipal => DisbursedOn is null || Status == LoanStatus.WrittenOff ? 0 : Schedule.Sum(i => i.Principal - i.PaidPrincipal);

    /// <summary>What a recovery can still bring in: the principal written off less what was recovered.</summary>
    public long RecoverableLeft => WrittenOffPrincipal - Recoveries.Sum(r => r.Amount);
}
