namespace Koperasi.Functions.Transactions;

/// <summary>One member transaction as a teller or script sends it, already validated (a loan repayment names its loan; its account is piutang_pinjaman).</summary>
public sealed record TransactionRequest(
    string Id,
    string MemberId,
    string Kind,
    string Account,
    long Amount,
    DateTimeOffset OccurredAt,
    string? Reference,
    string? Description,
    string? LoanId = null)
{
    /// <summary>Two sends of one id carry the same content when every field is equal and occurredAt is the same instant.</summary>
    public bool SameContentAs(TransactionRequest other) =>
        Id == other.Id && MemberId == other.MemberId && Kind == other.Kind && Account == other.Account && Amount == other.Amount &&
        OccurredAt.UtcTicks == other.OccurredAt.UtcTicks && (Reference ?? "") == (other.Reference ?? "") && (Description ?? "") == (other.Description ?? "") &&
        (LoanId ?? "") == (other.LoanId ?? "");
}
