namespace Koperasi.Functions.Imports;

/// <summary>A checked row on its way through the <c>imports</c> queue: a member, a member's opening balances, or a member's running loan.</summary>
public sealed record ImportRow(
    int Row,
    string MemberId,
    string? Name = null,
    string? Email = null,
    string? Phone = null,
    DateTimeOffset? JoinedAt = null,
    long Pokok = 0,
    long Wajib = 0,
    long Sukarela = 0,
    Loans.RunningLoan? Loan = null);
