using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Members;

/// <summary>
/// The answer of <c>GET /api/members/{id}/exit-quote</c>: exactly what the exit would post on the date, or why it
/// would be refused: the savings paid out, each loan's settlement, what the member owed, the payout through kas and the journal's lines.
/// </summary>
public sealed record MemberExitQuote(
    string MemberId,
    string AsOf,
    string Policy,
    bool Allowed,
    StatusReason? Refusal,
    IReadOnlyDictionary<string, long> Savings,
    IReadOnlyList<ExitLoanSettlement> Loans,
    long Owed,
    long Payout,
    IReadOnlyList<JournalLine> Lines);
