namespace Koperasi.Functions.Transactions;

/// <summary>
/// The posting request on the <c>transactions</c> queue: the intake fields plus the cooperative and the source
/// (<c>api</c>, <c>midtrans</c>, <c>xendit</c>, <c>standard:&lt;name&gt;</c>), which picks the contra account. A
/// general-journal posting (Books/) carries its own balanced <see cref="Lines"/> instead.
/// </summary>
public sealed record TransactionMessage(
    string CooperativeId,
    string Source,
    string Id,
    string MemberId,
    string Kind,
    string Account,
    long Amount,
    DateTimeOffset OccurredAt,
    string? Reference,
    string? Description,
    string? Reverses = null,
    string? LoanId = null,
    IReadOnlyList<Ledger.JournalLine>? Lines = null)
{
    public const string ApiSource = "api";

    /// <summary>Opening balances from a spreadsheet import; contra account <c>ekuitas_saldo_awal</c>, never a provider.</summary>
    public const string ImportSource = "import";

    public static TransactionMessage From(string cooperativeId, string source, TransactionRequest request) => new(
        cooperativeId, source, request.Id, request.MemberId, request.Kind, request.Account, request.Amount,
        request.OccurredAt, request.Reference, request.Description, LoanId: request.LoanId);

    public TransactionRequest ToRequest() => new(Id, MemberId, Kind, Account, Amount, OccurredAt, Reference, Description, LoanId);
}
