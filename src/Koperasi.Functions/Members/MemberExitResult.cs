using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Members;

/// <summary>The answer of <c>POST /api/members/{id}/exit</c>, read back from the ledger, so asking again answers the same.</summary>
public sealed record MemberExitResult(
    string MemberId,
    string Status,
    string TransactionId,
    string ExitedOn,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, long> Savings,
    IReadOnlyList<ExitLoanSettlement> Loans,
    long Owed,
    long Payout,
    IReadOnlyList<JournalLine> Lines);
