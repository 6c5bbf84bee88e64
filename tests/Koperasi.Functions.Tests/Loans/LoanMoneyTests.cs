using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Payments;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Webhooks;
using static Koperasi.Functions.Tests.Loans.LoanSteps;

namespace Koperasi.Functions.Tests.Loans;

/// <summary>
/// A loan's money over real HTTP, the real queue and Azurite: disbursement, repayments through intake, denda, payoff,
/// write-off and recovery, with every figure computed here from DOMAIN.md's formulas (flat, 10,000,000 over 12 months
/// at 1.50%: pokok 833,333 a month, jasa 150,000, admin fee 1% = 100,000; denda 0.10% a day after 2 days' grace).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LoanMoneyTests(ApiFixture fixture)
{
    private const long Principal = 10_000_000;
    private const long Pokok = 833_333;
    private const long Jasa = 150_000;
    private const long Installment = Pokok + Jasa;

    private async Task<TestCooperative> CooperativeAsync(int penaltyBpsPerDay = 10, params string[] members)
    {
        var coop = await fixture.NewCooperativeAsync();
        foreach (var member in members.Length == 0 ? ["A-1"] : members)
        {
            await coop.AddMemberAsync(member);
        }
        var product = LoanJson.Product();
        product["penaltyBpsPerDay"] = penaltyBpsPerDay;
        await LoanJson.PutProductAsync(coop, product: product);
        return coop;
    }

    /// <summary>Denda by the rule, computed here: bps of the unpaid installment for each day after the grace days, rounded once.</summary>
    private static long Denda(long unpaid, DateOnly due, DateOnly asOf, int bps = 10, int grace = 2) =>
        (long)Math.Round(Math.Max(0, asOf.DayNumber - due.DayNumber - grace) * unpaid * bps / 10_000m, MidpointRounding.AwayFromZero);

    [Fact]
    public async Task Disburse_Approved_ActiveWithItsJournalAndTheScheduleFromThatDate()
    {
        var coop = await CooperativeAsync();

        var loan = await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 6, 10));

        Assert.Equal(("active", "2026-06-10"), (loan.GetProperty("status").GetString(), loan.GetProperty("disbursedOn").GetString()));
        var dates = loan.GetProperty("schedule").EnumerateArray().Select(i => i.GetProperty("dueDate").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(k => Date(new DateOnly(2026, 6, 10).AddMonths(k))), dates);
        Assert.Equal(Principal, await TrialBalanceAsync(coop, "piutang_pinjaman"));
        Assert.Equal(-(Principal - 100_000), await TrialBalanceAsync(coop, "kas"));
        Assert.Equal(100_000, await TrialBalanceAsync(coop, "pendapatan_administrasi"));
        var balances = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-1/balances");
        Assert.Equal(Principal, balances.GetProperty("balances").GetProperty("piutang_pinjaman").GetInt64());
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Disburse_Again_SameDateAnswersTheLoanAndAnotherDateIs409()
    {
        var coop = await CooperativeAsync();
        await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 6, 10));

        var same = await DisburseAsync(coop, "L-1", At(2026, 6, 10));
        var other = await DisburseAsync(coop, "L-1", At(2026, 6, 11));

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        await Problem.AssertAsync(other, HttpStatusCode.Conflict, "loan_status_conflict");
        Assert.Equal(Principal, await TrialBalanceAsync(coop, "piutang_pinjaman"));
    }

    [Fact]
    public async Task Disburse_ConcurrentCalls_PostOnce()
    {
        var coop = await CooperativeAsync();
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));
        (await coop.Admin.PostAsync("/api/loans/L-1/approve", null)).EnsureSuccessStatusCode();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => DisburseAsync(coop, "L-1", At(2026, 6, 10))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(Principal, await TrialBalanceAsync(coop, "piutang_pinjaman"));
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Disburse_NotApprovedOrBadBody_AnswersProblemsAndPostsNothing()
    {
        var coop = await CooperativeAsync();
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));
        var teller = await coop.ClientWithRoleAsync("teller");

        await Problem.AssertAsync(await DisburseAsync(coop, "L-1", At(2026, 6, 10)), HttpStatusCode.Conflict, "loan_status_conflict");
        await Problem.AssertAsync(await DisburseAsync(coop, "L-404", At(2026, 6, 10)), HttpStatusCode.NotFound, "loan_not_found");
        await Problem.AssertAsync(await teller.PostAsync("/api/loans/L-1/disburse", TransactionJson.Content("{\"occurredAt\":\"2026-06-10T10:00:00+08:00\"}")),
            HttpStatusCode.Forbidden, "forbidden");
        (await coop.Admin.PostAsync("/api/loans/L-1/approve", null)).EnsureSuccessStatusCode();
        foreach (var body in new[] { "{}", "{\"occurredAt\":\"2026-06-10\"}", "{\"occurredAt\":\"2099-01-01T00:00:00+08:00\"}", "{\"occurredAt\":\"2026-06-10T10:00:00+08:00\",\"x\":1}" })
        {
            var response = await coop.Admin.PostAsync("/api/loans/L-1/disburse", TransactionJson.Content(body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Equal(0, await TrialBalanceAsync(coop, "piutang_pinjaman"));
        Assert.Equal("approved", (await LoanAsync(coop, "L-1")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Repayments_ShuffledAndDuplicatedThroughTheQueue_LeaveTheExactPrincipalOutstanding()
    {
        var coop = await CooperativeAsync(penaltyBpsPerDay: 0);
        await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 5, 10));
        var repayments = Enumerable.Range(1, 6).Select(k => Repayment($"r-{k}", "A-1", "L-1", Installment, At(2026, 5, 10).AddMonths(k))).ToList();
        var shuffled = repayments.OrderBy(_ => Random.Shared.Next()).ToList();

        var batch = await coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(TransactionJson.Batch(shuffled.Take(3).Select(r => (JsonObject)r.DeepClone()))));
        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
        foreach (var single in shuffled.Skip(3).Concat(shuffled.Take(2)))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(single.ToJsonString()))).StatusCode);
        }
        var again = await coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(TransactionJson.Batch(shuffled.Select(r => (JsonObject)r.DeepClone()))));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        foreach (var k in Enumerable.Range(1, 6))
        {
            Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, $"r-{k}")).GetProperty("status").GetString());
        }

        var loan = await LoanAsync(coop, "L-1", new DateOnly(2026, 12, 10));
        Assert.Equal(Principal - 6 * Pokok, loan.GetProperty("outstandingPrincipal").GetInt64());
        Assert.Equal(Enumerable.Repeat("paid", 6), loan.GetProperty("schedule").EnumerateArray().Take(6).Select(i => i.GetProperty("status").GetString()));
        Assert.Equal(Principal - 6 * Pokok, await TrialBalanceAsync(coop, "piutang_pinjaman"));
        Assert.Equal(6 * Jasa, await TrialBalanceAsync(coop, "pendapatan_jasa_pinjaman"));
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Repayment_MoreThanThePayoff_RejectedOverpaymentNamingTheAmountOwed()
    {
        var coop = await CooperativeAsync(penaltyBpsPerDay: 0);
        await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 6, 10));
        // On 20 June only the first period has begun: the payoff is all the principal and one month's jasa.
        var payoff = Principal + Jasa;

        var rejected = await RepayAsync(coop, "r-over", "A-1", "L-1", payoff + 1, At(2026, 6, 20));

        Assert.Equal(("rejected", "overpayment"), (rejected.GetProperty("status").GetString(), rejected.GetProperty("reason").GetProperty("code").GetString()));
        Assert.Contains(Rupiah.Format(payoff), rejected.GetProperty("reason").GetProperty("message").GetString());
        Assert.Equal(Principal, await TrialBalanceAsync(coop, "piutang_pinjaman"));
    }

    [Fact]
    public async Task Repayment_OfThePayoffAmount_ClosesTheLoanAndFreesThePlace()
    {
        var coop = await CooperativeAsync();
        await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 6, 10));
        // 12 September: periods 1-4 have begun (the fourth on 11 September); installments 1-3 are past due, none paid,
        // and the third (10 September) is still within its two days' grace.
        var asOf = new DateOnly(2026, 9, 12);
        var expected = Principal + 4 * Jasa + new[] { new DateOnly(2026, 7, 10), new(2026, 8, 10), new(2026, 9, 10) }.Sum(due => Denda(Installment, due, asOf));

        var quote = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/loans/L-1/payoff?asOf={Date(asOf)}");
        Assert.Equal(expected, quote.GetProperty("total").GetInt64());
        var paid = await RepayAsync(coop, "r-payoff", "A-1", "L-1", expected, At(2026, 9, 12));

        Assert.Equal("posted", paid.GetProperty("status").GetString());
        var loan = await LoanAsync(coop, "L-1");
        Assert.Equal(("closed", "2026-09-12", 0L), (loan.GetProperty("status").GetString(), loan.GetProperty("closedOn").GetString(), loan.GetProperty("outstandingPrincipal").GetInt64()));
        Assert.Equal(0, await TrialBalanceAsync(coop, "piutang_pinjaman"));
        Assert.Equal(4 * Jasa, await TrialBalanceAsync(coop, "pendapatan_jasa_pinjaman"));
        Assert.Equal(expected - Principal - 4 * Jasa, await TrialBalanceAsync(coop, "pendapatan_denda"));
        var closed = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans?status=closed");
        Assert.Contains(closed.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetString() == "L-1");
        var active = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans?status=active");
        Assert.DoesNotContain(active.GetProperty("items").EnumerateArray(), l => l.GetProperty("id").GetString() == "L-1");
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-2", "A-1"));
        await Problem.AssertAsync(await coop.Admin.GetAsync("/api/loans/L-1/payoff"), HttpStatusCode.Conflict, "loan_not_active");
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Repayment_UnknownLoanOrAnotherMembersLoan_RejectedUnknownLoan()
    {
        var coop = await CooperativeAsync(10, "A-1", "A-2");
        await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 6, 10));

        var unknown = await RepayAsync(coop, "r-unknown", "A-1", "L-9", Installment, At(2026, 7, 10));
        var another = await RepayAsync(coop, "r-another", "A-2", "L-1", Installment, At(2026, 7, 10));

        Assert.Equal(("rejected", "unknown_loan"), (unknown.GetProperty("status").GetString(), unknown.GetProperty("reason").GetProperty("code").GetString()));
        Assert.Equal(("rejected", "unknown_loan"), (another.GetProperty("status").GetString(), another.GetProperty("reason").GetProperty("code").GetString()));
        Assert.Equal(Principal, await TrialBalanceAsync(coop, "piutang_pinjaman"));
        Assert.Equal(0, (await LoanAsync(coop, "L-1")).GetProperty("schedule")[0].GetProperty("paidPrincipal").GetInt64());
    }

    [Fact]
    public async Task Denda_AcrossAWitaMidnight_CountsTheCooperativesCalendarDays()
    {
        var coop = await CooperativeAsync(10, "A-1", "A-2");
        await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 6, 10));
        await ActiveLoanAsync(coop, "L-2", "A-2", At(2026, 6, 10));
        var due = new DateOnly(2026, 7, 10);
        var beforeMidnight = Denda(Installment, due, new DateOnly(2026, 7, 20));
        var afterMidnight = Denda(Installment, due, new DateOnly(2026, 7, 21));
        Assert.Equal(beforeMidnight, (await LoanAsync(coop, "L-1", new DateOnly(2026, 7, 20))).GetProperty("schedule")[0].GetProperty("penaltyDue").GetInt64());

        // 23:30 WITA on the 20th, and 00:30 WITA on the 21st, which is still the 20th in UTC.
        var late = await RepayAsync(coop, "r-2330", "A-1", "L-1", Installment + beforeMidnight, At(2026, 7, 20, 23, 30));
        var later = await RepayAsync(coop, "r-0030", "A-2", "L-2", Installment + afterMidnight, At(2026, 7, 21, 0, 30));

        Assert.Equal("posted", late.GetProperty("status").GetString());
        Assert.Equal("posted", later.GetProperty("status").GetString());
        Assert.Equal(new DateTimeOffset(2026, 7, 20, 16, 30, 0, TimeSpan.Zero), At(2026, 7, 21, 0, 30));
        Assert.Equal(beforeMidnight + afterMidnight, await TrialBalanceAsync(coop, "pendapatan_denda"));
        foreach (var loanId in new[] { "L-1", "L-2" })
        {
            var first = (await LoanAsync(coop, loanId, new DateOnly(2026, 7, 25))).GetProperty("schedule")[0];
            Assert.Equal(("paid", Pokok, Jasa), (first.GetProperty("status").GetString(), first.GetProperty("paidPrincipal").GetInt64(), first.GetProperty("paidInterest").GetInt64()));
        }
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task WaivePenalty_PartOfTheDendaDue_LowersItOnceAndRefusesMoreThanIsDue()
    {
        var coop = await CooperativeAsync();
        await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 6, 10));
        var before = (await LoanAsync(coop, "L-1")).GetProperty("penaltyDue").GetInt64();
        Assert.True(before > 5_000, $"denda due {before}");
        var waiver = TransactionJson.Content("{\"id\":\"w-1\",\"amount\":5000,\"reason\":\"Anggota sakit\"}");

        var first = await coop.Admin.PostAsync("/api/loans/L-1/waive-penalty", waiver);
        var again = await coop.Admin.PostAsync("/api/loans/L-1/waive-penalty", TransactionJson.Content("{\"id\":\"w-1\",\"amount\":5000,\"reason\":\"Anggota sakit\"}"));
        var tooMuch = await coop.Admin.PostAsync("/api/loans/L-1/waive-penalty", TransactionJson.Content($"{{\"amount\":{before},\"reason\":\"semua\"}}"));
        var teller = await coop.ClientWithRoleAsync("teller");
        var forbidden = await teller.PostAsync("/api/loans/L-1/waive-penalty", TransactionJson.Content("{\"amount\":1,\"reason\":\"x\"}"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await Problem.AssertFieldAsync(tooMuch, HttpStatusCode.UnprocessableEntity, "waiver_exceeds_penalty", "amount");
        await Problem.AssertAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(before - 5_000, (await LoanAsync(coop, "L-1")).GetProperty("penaltyDue").GetInt64());
    }

    [Fact]
    public async Task WriteOff_ThenMoneyReceived_IsRecoveryIncomeUpToThePrincipalWrittenOff()
    {
        var coop = await CooperativeAsync();
        await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 6, 10));
        await RepayAsync(coop, "r-1", "A-1", "L-1", Installment, At(2026, 7, 10));
        var left = Principal - Pokok;

        var response = await coop.Admin.PostAsync("/api/loans/L-1/write-off", TransactionJson.Content("{\"reason\":\"Anggota pindah, tidak dapat dihubungi\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var loan = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("written_off", left, 0L), (loan.GetProperty("status").GetString(), loan.GetProperty("writtenOffPrincipal").GetInt64(), loan.GetProperty("outstandingPrincipal").GetInt64()));
        Assert.Equal(left, await TrialBalanceAsync(coop, "beban_penghapusan_piutang"));
        Assert.Equal(0, await TrialBalanceAsync(coop, "piutang_pinjaman"));

        var recovered = await RepayAsync(coop, "r-2", "A-1", "L-1", 500_000, At(2026, 11, 20));
        var tooMuch = await RepayAsync(coop, "r-3", "A-1", "L-1", left, At(2026, 11, 21));

        Assert.Equal("posted", recovered.GetProperty("status").GetString());
        Assert.Equal(("rejected", "overpayment"), (tooMuch.GetProperty("status").GetString(), tooMuch.GetProperty("reason").GetProperty("code").GetString()));
        Assert.Equal(500_000, await TrialBalanceAsync(coop, "pendapatan_pemulihan_piutang"));
        Assert.Equal(500_000, (await LoanAsync(coop, "L-1")).GetProperty("recovered").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await coop.Admin.PostAsync("/api/loans/L-1/write-off", TransactionJson.Content("{\"reason\":\"lagi\"}"))).StatusCode);
        Assert.Equal(left, await TrialBalanceAsync(coop, "beban_penghapusan_piutang"));
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task RepaymentsAndSavings_OfOneMemberAtOnce_AllPostAndAgree()
    {
        var coop = await CooperativeAsync(penaltyBpsPerDay: 0);
        await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 11, 1));
        var deposits = Enumerable.Range(0, 10).Select(i =>
        {
            var d = TransactionJson.Valid($"d-{i}", "A-1");
            d["amount"] = 50_000;
            d["occurredAt"] = Instant(At(2026, 11, 2));
            return d;
        });
        var repayments = Enumerable.Range(0, 10).Select(i => Repayment($"p-{i}", "A-1", "L-1", 100_000, At(2026, 11, 2)));
        var all = deposits.Concat(repayments).ToList();

        var answers = await Task.WhenAll(all.Select(t => coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(t.ToJsonString()))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        foreach (var t in all)
        {
            Assert.Equal("posted", (await ApiFixture.WaitForStatusAsync(coop.Admin, t["id"]!.GetValue<string>())).GetProperty("status").GetString());
        }
        // On 2 November the first period has begun, so its jasa is paid first and the rest of the 1,000,000 is pokok.
        var balances = (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-1/balances")).GetProperty("balances");
        Assert.Equal(500_000, balances.GetProperty("simpanan_sukarela").GetInt64());
        Assert.Equal(Principal - (1_000_000 - Jasa), balances.GetProperty("piutang_pinjaman").GetInt64());
        Assert.Equal(Principal - (1_000_000 - Jasa), (await LoanAsync(coop, "L-1")).GetProperty("outstandingPrincipal").GetInt64());
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task Arrears_TwoLoans_BucketsByDaysPastDueAndAgreesWithTheTrialBalance()
    {
        var coop = await CooperativeAsync(10, "A-1", "A-2");
        await ActiveLoanAsync(coop, "L-late", "A-1", At(2026, 6, 10));
        await ActiveLoanAsync(coop, "L-new", "A-2", At(2026, 11, 20));
        var asOf = new DateOnly(2026, 12, 1);

        var report = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/loans/arrears?asOf={Date(asOf)}");
        var august = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans/arrears?asOf=2026-08-25");

        Assert.Equal(await TrialBalanceAsync(coop, "piutang_pinjaman", asOf), report.GetProperty("outstandingPrincipal").GetInt64());
        Assert.Equal(2 * Principal, report.GetProperty("outstandingPrincipal").GetInt64());
        var late = Assert.Single(report.GetProperty("items").EnumerateArray());
        // Installments due 10 Jul … 10 Nov are unpaid: 144 days since the oldest.
        Assert.Equal(("L-late", asOf.DayNumber - new DateOnly(2026, 7, 10).DayNumber, "91-180", 5 * Installment),
            (late.GetProperty("loanId").GetString(), late.GetProperty("daysPastDue").GetInt32(), late.GetProperty("bucket").GetString(), late.GetProperty("overdue").GetInt64()));
        var buckets = report.GetProperty("buckets").EnumerateArray().ToDictionary(b => b.GetProperty("bucket").GetString()!, b => b.GetProperty("loans").GetInt32());
        Assert.Equal((1, 1, 0), (buckets["current"], buckets["91-180"], buckets["1-30"] + buckets["31-90"] + buckets["over-180"]));
        Assert.Equal(await TrialBalanceAsync(coop, "piutang_pinjaman", new DateOnly(2026, 8, 25)), august.GetProperty("outstandingPrincipal").GetInt64());
        var inAugust = Assert.Single(august.GetProperty("items").EnumerateArray());
        Assert.Equal((46, "31-90", 2 * Installment), (inAugust.GetProperty("daysPastDue").GetInt32(), inAugust.GetProperty("bucket").GetString(), inAugust.GetProperty("overdue").GetInt64()));
    }

    [Fact]
    public async Task ProviderPayment_NamingALoan_RepaysItAndTheRemainderGoesToSukarela()
    {
        var coop = await CooperativeAsync(penaltyBpsPerDay: 0);
        await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 6, 10));
        (await coop.Admin.PostAsJsonAsync("/api/members/A-1/payment-references", new { provider = "midtrans", reference = "ANGSURAN-L1-*", loanId = "L-1" })).EnsureSuccessStatusCode();
        var orderId = "ANGSURAN-L1-" + Guid.NewGuid().ToString("N")[..8];
        var payoff = Principal + Jasa; // on 20 June
        var paidAt = new DateTimeOffset(2026, 6, 20, 9, 0, 0, TimeSpan.FromHours(7));

        await fixture.Service<PaymentIntake>().RecordAsync(coop.Id, new PaymentNotification("midtrans", orderId, "settlement", PaymentNotification.Final,
            [orderId], new PaymentReceipt(payoff + 25_000, paidAt), []));
        var status = await ApiFixture.WaitForStatusAsync(coop.Admin, PaymentKeys.DepositId("midtrans", PaymentKeys.Payment("midtrans", orderId)));

        Assert.Equal(("posted", "repayment_excess_to_sukarela"), (status.GetProperty("status").GetString(), status.GetProperty("adjustment").GetProperty("code").GetString()));
        Assert.Equal("closed", (await LoanAsync(coop, "L-1")).GetProperty("status").GetString());
        var balances = (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-1/balances")).GetProperty("balances");
        Assert.Equal((25_000L, 0L), (balances.GetProperty("simpanan_sukarela").GetInt64(), balances.GetProperty("piutang_pinjaman").GetInt64()));
        Assert.Equal(payoff + 25_000, await TrialBalanceAsync(coop, "kliring_midtrans"));
        // The member's ledger shows the one journal on both accounts it moved, so each account's lines add up.
        var ledger = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-1/ledger?from=2026-06-20&to=2026-06-20");
        var lines = ledger.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("account").GetString(), i.GetProperty("change").GetInt64())).ToList();
        Assert.Equal([("piutang_pinjaman", -Principal), ("simpanan_sukarela", 25_000L)], lines);
        await AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task PaymentReferenceOrAssignment_ForALoanTheMemberDoesNotHave_Answers422UnknownLoan()
    {
        var coop = await CooperativeAsync(10, "A-1", "A-2");
        await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 6, 10));

        var another = await coop.Admin.PostAsJsonAsync("/api/members/A-2/payment-references", new { provider = "midtrans", reference = "ANG-L1-*", loanId = "L-1" });
        var none = await coop.Admin.PostAsJsonAsync("/api/members/A-1/payment-references", new { provider = "midtrans", reference = "ANG-L9-*", loanId = "L-9" });
        var both = await coop.Admin.PostAsJsonAsync("/api/members/A-1/payment-references", new { provider = "midtrans", reference = "ANG-L1-*", loanId = "L-1", account = "simpanan_sukarela" });

        await Problem.AssertFieldAsync(another, HttpStatusCode.UnprocessableEntity, "unknown_loan", "loanId");
        await Problem.AssertFieldAsync(none, HttpStatusCode.UnprocessableEntity, "unknown_loan", "loanId");
        await Problem.AssertFieldAsync(both, HttpStatusCode.BadRequest, "invalid_payment_reference", "account");
        var assign = await coop.Admin.PostAsJsonAsync($"/api/payments/unmatched/{new string('a', 32)}/assign", new { memberId = "A-2", loanId = "L-1" });
        await Problem.AssertFieldAsync(assign, HttpStatusCode.UnprocessableEntity, "unknown_loan", "loanId");
    }

    [Fact]
    public async Task LedgerCheck_LoanRowEditedInStorage_NamesTheLoan()
    {
        var coop = await CooperativeAsync();
        await ActiveLoanAsync(coop, "L-1", "A-1", At(2026, 6, 10));
        await RepayAsync(coop, "r-1", "A-1", "L-1", Installment, At(2026, 7, 10));
        var table = new TableServiceClient(fixture.Azurite.ConnectionString).GetTableClient(StorageNames.LedgerTable);
        var row = (await table.GetEntityAsync<TableEntity>(LedgerKeys.MemberPartition(coop.Id, "A-1"), LoanKeys.LoanRow("L-1"))).Value;

        row["Schedule"] = row.GetString("Schedule").Replace($"\"principal\":{Pokok}}}", $"\"principal\":{Pokok - 1}}}", StringComparison.Ordinal);
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var check = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/ledger/check");
        Assert.False(check.GetProperty("ok").GetBoolean());
        Assert.Contains(check.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("loan L-1", StringComparison.Ordinal));
    }
}
