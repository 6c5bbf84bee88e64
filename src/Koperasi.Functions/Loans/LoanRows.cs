namespace Koperasi.Functions.Loans;

/// <summary>
/// What one read-decide-write of a loan reads from its member's partition, in one query: the loan row (if any) and the
/// member's open loans of its product, each with the ETag the write must match (null: the row does not exist yet).
/// </summary>
public sealed record LoanRows(Loan? Loan, Azure.ETag? LoanETag, IReadOnlyList<string> OpenLoanIds, Azure.ETag? OpenETag);
