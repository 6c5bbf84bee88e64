using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Payments;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;
using Koperasi.Functions.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.Functions.Tests.Payments;

/// <summary>
/// Recording and applying provider payments against a real Azurite, with nothing consuming the transactions queue:
/// the test reads what was queued and posts it itself, and a seam crashes or parks an application at one step.
/// </summary>
[Collection(QueuelessCollection.Name)]
public sealed class PaymentApplicationTests(QueuelessApiFixture fixture)
{
    private static readonly DateTimeOffset PaidAt = new(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(7));

    private PaymentIntake Intake(IPaymentFaults faults)
    {
        var posting = ActivatorUtilities.CreateInstance<PaymentPosting>(fixture.Host.Services, faults);
        return ActivatorUtilities.CreateInstance<PaymentIntake>(fixture.Host.Services, posting, faults);
    }

    private PaymentStore Store => fixture.Service<PaymentStore>();

    private async Task<TestCooperative> CooperativeAsync(string memberId, string prefix)
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync(memberId);
        (await coop.Admin.PostAsJsonAsync($"/api/members/{memberId}/payment-references",
            new { provider = "midtrans", reference = prefix + "*", account = "simpanan_sukarela" })).EnsureSuccessStatusCode();
        await fixture.Queue.DrainAsync();
        return coop;
    }

    private static PaymentNotification Settlement(string orderId, long amount = 150_000) => new("midtrans", orderId, "settlement", PaymentNotification.Final,
        [orderId], new PaymentReceipt(amount, PaidAt), []);

    private static PaymentNotification Refunds(string orderId, params string[] refundIds) => new("midtrans", orderId, "partial_refund", PaymentNotification.Refunded,
        [orderId], new PaymentReceipt(150_000, PaidAt), refundIds.Select((id, i) => new RefundNotice(id, 10_000, PaidAt.AddHours(i + 1))).ToList());

    private static string Key(string orderId) => PaymentKeys.Payment("midtrans", orderId);

    private static string Reversal(string orderId, string refundId) => PaymentKeys.ReversalId("midtrans", Key(orderId), refundId);

    private async Task<List<string>> QueuedIdsAsync() =>
        (await fixture.Queue.DrainAsync()).Select(m => m.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task Apply_RefundRecordedWhileAnotherApplicationClearsTheWaitingIndex_IsStillQueued()
    {
        var orderId = "KSP-R1-" + Guid.NewGuid().ToString("N")[..8];
        var coop = await CooperativeAsync("R1", "KSP-R1-");
        var seam = new PaymentSeam();
        var intake = Intake(seam);
        await intake.RecordAsync(coop.Id, Settlement(orderId));
        await intake.RecordAsync(coop.Id, Refunds(orderId, "rf-1"));
        var deposit = (await fixture.Queue.DrainAsync()).First(m => m.GetProperty("id").GetString() == PaymentKeys.DepositId("midtrans", Key(orderId)));

        // Application 2 (the sweep) reads the payment with refund 1 waiting, and is overtaken right there.
        seam.HoldAt(PaymentStep.Applying);
        var sweep = Task.Run(() => intake.SweepPendingPaymentsAsync());
        await seam.Reached;
        // Application 1: refund 2 arrives while the deposit is still queued, so it waits for the deposit.
        Assert.Equal(PaymentPosting.RefundsWaiting, await intake.RecordAsync(coop.Id, Refunds(orderId, "rf-1", "rf-2")));
        await fixture.Service<LedgerPosting>().PostAsync(TransactionQueue.Deserialize(deposit.GetRawText()));
        // Application 2 goes on: it finds the deposit posted, queues refund 1 and is done with the payment.
        seam.Release();
        await sweep;
        var queued = await QueuedIdsAsync();
        await intake.SweepPendingPaymentsAsync();
        queued.AddRange(await QueuedIdsAsync());

        Assert.Contains(Reversal(orderId, "rf-1"), queued);
        Assert.Contains(Reversal(orderId, "rf-2"), queued);
    }

    [Fact]
    public async Task Record_HostDiesBeforeAnythingIsQueued_TheSweepQueuesTheDeposit()
    {
        var orderId = "KSP-R2-" + Guid.NewGuid().ToString("N")[..8];
        var coop = await CooperativeAsync("R2", "KSP-R2-");
        var seam = new PaymentSeam();
        var intake = Intake(seam);
        seam.CrashAt(PaymentStep.Recorded);

        await Assert.ThrowsAsync<PaymentHostDiedException>(() => intake.RecordAsync(coop.Id, Settlement(orderId)));
        Assert.DoesNotContain(PaymentKeys.DepositId("midtrans", Key(orderId)), await QueuedIdsAsync());
        await intake.SweepPendingPaymentsAsync();

        Assert.Contains(PaymentKeys.DepositId("midtrans", Key(orderId)), await QueuedIdsAsync());
    }

    [Fact]
    public async Task Assign_HostDiesBeforeTheDepositIsQueued_TheUnmatchedPaymentStaysListedUntilTheSweepQueuesIt()
    {
        var orderId = "NOREF-" + Guid.NewGuid().ToString("N")[..8];
        var coop = await CooperativeAsync("R3", "KSP-R3-");
        var seam = new PaymentSeam();
        var intake = Intake(seam);
        Assert.Equal(PaymentPosting.Unmatched, await intake.RecordAsync(coop.Id, Settlement(orderId, 40_000)));
        seam.CrashAt(PaymentStep.QueueingDeposit);

        var body = JsonDocument.Parse("""{"memberId": "R3", "account": "simpanan_sukarela"}""").RootElement;
        await Assert.ThrowsAsync<PaymentHostDiedException>(() => intake.AssignAsync(coop.Id, Key(orderId), body));
        var listed = (await Store.ListUnmatchedAsync(coop.Id, new Koperasi.Functions.Api.Paging(100, null))).Items;
        Assert.Contains(listed, p => p.Id == Key(orderId));
        await intake.SweepPendingPaymentsAsync();

        Assert.Contains(PaymentKeys.DepositId("midtrans", Key(orderId)), await QueuedIdsAsync());
        Assert.Empty((await Store.ListUnmatchedAsync(coop.Id, new Koperasi.Functions.Api.Paging(100, null))).Items);
    }

    [Fact]
    public async Task ListAll_PaymentsOfOneCooperative_EachWithItsPaidAmountAndRefunds()
    {
        var coop = await CooperativeAsync("R4", "KSP-R4-");
        var other = await CooperativeAsync("R4", "KSP-R4-");
        var intake = Intake(new PaymentSeam());
        var (first, second) = ("KSP-R4-" + Guid.NewGuid().ToString("N")[..8], "NOREF-" + Guid.NewGuid().ToString("N")[..8]);
        await intake.RecordAsync(coop.Id, Settlement(first));
        await intake.RecordAsync(coop.Id, Refunds(first, "rf-1", "rf-2"));
        await intake.RecordAsync(coop.Id, Settlement(second, 40_000));
        await intake.RecordAsync(other.Id, Settlement(first, 999));

        var all = await Store.ListAllAsync(coop.Id).ToListAsync();

        Assert.Equal([(first, 150_000L, 20_000L), (second, 40_000L, 0L)],
            all.Select(p => (p.ProviderPaymentId, p.Amount!.Value, p.Refunds.Sum(r => r.Amount))).OrderBy(p => p.ProviderPaymentId.StartsWith("KSP") ? 0 : 1));
    }
}
