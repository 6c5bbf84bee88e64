using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Tests.Support;

/// <summary>Builds posting requests as they travel on the transactions queue.</summary>
public static class Postings
{
    public static readonly DateTimeOffset October = new(2026, 10, 15, 10, 0, 0, TimeSpan.FromHours(8));

    public static TransactionMessage Deposit(string cooperativeId, string memberId, string account, long amount, string? id = null, DateTimeOffset? at = null, string source = "api") =>
        new(cooperativeId, source, id ?? NewId(), memberId, TransactionKinds.Deposit, account, amount, at ?? October, "ref", null);

    public static TransactionMessage Withdrawal(string cooperativeId, string memberId, long amount, string? id = null, DateTimeOffset? at = null) =>
        new(cooperativeId, "api", id ?? NewId(), memberId, TransactionKinds.Withdrawal, TransactionKinds.SimpananSukarela, amount, at ?? October, null, null);

    public static string NewId() => "t-" + Guid.NewGuid().ToString("N");
}
