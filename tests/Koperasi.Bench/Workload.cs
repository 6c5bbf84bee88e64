using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Transactions;

namespace Koperasi.Bench;

/// <summary>Made-up transactions for a cooperative: deposits spread over members, occasionally a withdrawal; loan repayments of borrowers.</summary>
public static class Workload
{
    public static List<string> Members(int count) => Enumerable.Range(1, count).Select(i => $"B{i:D5}").ToList();

    public static List<TransactionMessage> Deposits(string cooperativeId, IReadOnlyList<string> members, int count, Random random, string prefix) =>
        Enumerable.Range(0, count).Select(i => new TransactionMessage(
            cooperativeId, TransactionMessage.ApiSource, $"{prefix}-{i:D6}", members[random.Next(members.Count)],
            random.Next(8) == 0 ? TransactionKinds.Withdrawal : TransactionKinds.Deposit, TransactionKinds.SimpananSukarela,
            random.Next(1, 200) * 1_000L, new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(8)).AddSeconds(random.Next(0, 86_400 * 25)),
            "bench", null)).ToList();

    /// <summary>The loan id the bench and the drill give a borrowing member.</summary>
    public static string LoanOf(string memberId) => "loan-" + memberId;

    /// <summary>When the bench's and the drill's loans are disbursed: their installments are due from 1 July on.</summary>
    public static readonly DateTimeOffset LoansDisbursedAt = new(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Small repayments (angsuran) of the borrowers' loans in November: each goes to denda, jasa and pokok in turn, none closes a loan.</summary>
    public static List<TransactionMessage> Repayments(string cooperativeId, IReadOnlyList<string> borrowers, int count, Random random, string prefix) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var member = borrowers[random.Next(borrowers.Count)];
            return new TransactionMessage(cooperativeId, TransactionMessage.ApiSource, $"{prefix}-{i:D6}", member, TransactionKinds.LoanRepayment,
                Koperasi.Functions.Ledger.ChartOfAccounts.PiutangPinjaman, random.Next(1, 50) * 1_000L,
                new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(8)).AddSeconds(random.Next(0, 86_400 * 25)), "bench", null, LoanId: LoanOf(member));
        }).ToList();

    public static string IntakeJson(TransactionMessage m) => m.Kind == TransactionKinds.LoanRepayment ? JsonSerializer.Serialize(new
    {
        id = m.Id, memberId = m.MemberId, kind = m.Kind, loanId = m.LoanId, amount = m.Amount,
        occurredAt = m.OccurredAt.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), reference = m.Reference,
    }, ApiJson.Options) : JsonSerializer.Serialize(new
    {
        id = m.Id, memberId = m.MemberId, kind = m.Kind, account = m.Account, amount = m.Amount,
        occurredAt = m.OccurredAt.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), reference = m.Reference,
    }, ApiJson.Options);
}
