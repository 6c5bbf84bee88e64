namespace Koperasi.Functions.Loans;

/// <summary>
/// What one read-decide-write of a loan reads from its member's partition: the loan row (if any), the member's open
/// loans of its product (the listed ones still open), the ids the row stores, and the ETags the write must match
/// (null: the row does not exist yet).
/// </summary>
public sealed record LoanRows(Loan? Loan, Azure.ETag? LoanETag, IReadOnlyList<string> OpenLoanIds, IReadOnlyList<string> StoredOpenIds, Azure.ETag? OpenETag);
