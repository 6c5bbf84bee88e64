using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Transactions;

namespace Koperasi.Bench;

/// <summary>Made-up transactions for a cooperative: deposits spread over members, occasionally a withdrawal.</summary>
public static class Workload
{
    public static List<string> Members(int count) => Enumerable.Range(1, count).Select(i => $"B{i:D5}").ToList();

    public static List<TransactionMessage> Deposits(string cooperativeId, IReadOnlyList<string> members, int count, Random random, string prefix) =>
        Enumerable.Range(0, count).Select(i => new TransactionMessage(
            cooperativeId, TransactionMessage.ApiSource, $"{prefix}-{i:D6}", members[random.Next(members.Count)],
            random.Next(8) == 0 ? TransactionKinds.Withdrawal : TransactionKinds.Deposit, TransactionKinds.SimpananSukarela,
            random.Next(1, 200) * 1_000L, new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(8)).AddSeconds(random.Next(0, 86_400 * 25)),
            "bench", null)).ToList();

    public static string IntakeJson(TransactionMessage m) => JsonSerializer.Serialize(new
    {
        id = m.Id, memberId = m.MemberId, kind = m.Kind, account = m.Account, amount = m.Amount,
        occurredAt = m.OccurredAt.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), reference = m.Reference,
    }, ApiJson.Options);
}
