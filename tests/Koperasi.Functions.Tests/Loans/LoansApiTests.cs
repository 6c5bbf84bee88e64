using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Loans;

/// <summary>The money-free lifecycle over real HTTP and Azurite: submit (idempotent), approve, reject, read and list.</summary>
[Collection(ApiCollection.Name)]
public sealed class LoansApiTests(ApiFixture fixture)
{
    public static TheoryData<string, string?, string> BadFields => new()
    {
        { "id", null, "id" },
        { "id", "\"L 1\"", "id" },
        { "id", "\"L.1\"", "id" },
        { "id", "\"arrears\"", "id" },
        { "memberId", "42", "memberId" },
        { "productCode", null, "productCode" },
        { "principal", "10000000.5", "principal" },
        { "principal", "\"10000000\"", "principal" },
        { "principal", "0", "principal" },
        { "termMonths", "12.0", "termMonths" },
        { "termMonths", "121", "termMonths" },
        { "firstDueDate", "\"2026-02-30\"", "firstDueDate" },
        { "firstDueDate", "\"2026-12-01T00:00:00+08:00\"", "firstDueDate" },
        { "bunga", "1", "bunga" },
    };

    private async Task<TestCooperative> CooperativeWithProductAsync(string member = "A-1", int maxActive = 0)
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync(member);
        await LoanJson.PutProductAsync(coop, product: LoanJson.Product(maxActive: maxActive));
        return coop;
    }

    [Fact]
    public async Task SubmitLoan_Valid_Answers201SubmittedWithTheScheduleItWouldHave()
    {
        var coop = await CooperativeWithProductAsync();

        var response = await coop.Admin.PostAsync("/api/loans", TransactionJson.Content(LoanJson.Application("L-1", "A-1").ToJsonString()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/loans/L-1", response.Headers.Location?.ToString());
        var loan = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("submitted", loan.GetProperty("status").GetString());
        Assert.Equal((100_000L, 9_900_000L, 1_800_000L), (loan.GetProperty("adminFee").GetInt64(), loan.GetProperty("netDisbursement").GetInt64(), loan.GetProperty("totalInterest").GetInt64()));
        var schedule = loan.GetProperty("schedule").EnumerateArray().ToList();
        Assert.Equal(12, schedule.Count);
        Assert.All(schedule.Take(11), i => Assert.Equal(833_333, i.GetProperty("principal").GetInt64()));
        Assert.Equal(833_337, schedule[11].GetProperty("principal").GetInt64());
        Assert.All(schedule, i => Assert.Equal(("proposed", 150_000L, 0L), (i.GetProperty("status").GetString(), i.GetProperty("interest").GetInt64(), i.GetProperty("penaltyDue").GetInt64())));
        var today = DateOnly.Parse(loan.GetProperty("asOf").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var dates = DueDates.AfterDisbursement(today);
        Assert.Equal(Enumerable.Range(1, 12).Select(k => dates.For(k).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            schedule.Select(i => i.GetProperty("dueDate").GetString()));
    }

    [Fact]
    public async Task SubmitLoan_ChosenFirstDueDate_ScheduleStartsThereOnItsDay()
    {
        var coop = await CooperativeWithProductAsync();
        var today = TodayInMakassar();
        var first = today.AddDays(20);
        var application = LoanJson.Application("L-1", "A-1");
        application["firstDueDate"] = first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var loan = await LoanJson.SubmitAsync(coop.Admin, application);

        var schedule = loan.GetProperty("schedule").EnumerateArray().Select(i => i.GetProperty("dueDate").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(k => DueDates.StartingOn(first).For(k).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), schedule);
    }

    [Fact]
    public async Task SubmitLoan_FirstDueDateToday_Answers422InvalidFirstDueDate()
    {
        var coop = await CooperativeWithProductAsync();
        var application = LoanJson.Application("L-1", "A-1");
        application["firstDueDate"] = TodayInMakassar().AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var response = await coop.Admin.PostAsync("/api/loans", TransactionJson.Content(application.ToJsonString()));

        await Problem.AssertFieldAsync(response, HttpStatusCode.UnprocessableEntity, "invalid_first_due_date", "firstDueDate");
    }

    [Fact]
    public async Task SubmitLoan_SameBodyAgain_AnswersTheSameLoan()
    {
        var coop = await CooperativeWithProductAsync();
        var first = await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));

        var again = await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));

        Assert.Equal(first.GetProperty("submittedAt").GetString(), again.GetProperty("submittedAt").GetString());
        Assert.Equal(first.GetProperty("schedule").GetRawText(), again.GetProperty("schedule").GetRawText());
        var loans = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-1/loans");
        Assert.Single(loans.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task SubmitLoan_SameIdOtherContent_Answers409LoanConflict()
    {
        var coop = await CooperativeWithProductAsync();
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));

        var response = await coop.Admin.PostAsync("/api/loans", TransactionJson.Content(LoanJson.Application("L-1", "A-1", principal: 5_000_000).ToJsonString()));

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "loan_conflict");
    }

    [Fact]
    public async Task SubmitLoan_SameIdForAnotherMember_Answers409LoanConflict()
    {
        var coop = await CooperativeWithProductAsync();
        await coop.AddMemberAsync("A-2");
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));

        var response = await coop.Admin.PostAsync("/api/loans", TransactionJson.Content(LoanJson.Application("L-1", "A-2").ToJsonString()));

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "loan_conflict");
    }

    [Fact]
    public async Task SubmitLoan_ConcurrentSameBody_OneLoanAndTheSameAnswerForAll()
    {
        var coop = await CooperativeWithProductAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"))));

        Assert.Single(answers.Select(a => a.GetProperty("submittedAt").GetString()).Distinct());
        var loans = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans?status=submitted");
        Assert.Single(loans.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task SubmitLoan_UnknownMember_Answers422NamingMemberId()
    {
        var coop = await CooperativeWithProductAsync();

        var response = await coop.Admin.PostAsync("/api/loans", TransactionJson.Content(LoanJson.Application("L-1", "NOBODY").ToJsonString()));

        await Problem.AssertFieldAsync(response, HttpStatusCode.UnprocessableEntity, "unknown_member", "memberId");
    }

    [Fact]
    public async Task SubmitLoan_UnknownProduct_Answers422NamingProductCode()
    {
        var coop = await CooperativeWithProductAsync();

        var response = await coop.Admin.PostAsync("/api/loans", TransactionJson.Content(LoanJson.Application("L-1", "A-1", productCode: "MODAL").ToJsonString()));

        await Problem.AssertFieldAsync(response, HttpStatusCode.UnprocessableEntity, "unknown_loan_product", "productCode");
    }

    [Fact]
    public async Task SubmitLoan_AnotherCooperativesProduct_Answers422()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A-1");
        await CooperativeWithProductAsync();

        var response = await coop.Admin.PostAsync("/api/loans", TransactionJson.Content(LoanJson.Application("L-1", "A-1").ToJsonString()));

        await Problem.AssertFieldAsync(response, HttpStatusCode.UnprocessableEntity, "unknown_loan_product", "productCode");
    }

    [Fact]
    public async Task SubmitLoan_OutsideTheProductsLimits_Answers422NamingBothFields()
    {
        var coop = await CooperativeWithProductAsync();

        var response = await coop.Admin.PostAsync("/api/loans", TransactionJson.Content(LoanJson.Application("L-1", "A-1", principal: 60_000_000, termMonths: 36).ToJsonString()));

        var problem = await Problem.AssertFieldAsync(response, HttpStatusCode.UnprocessableEntity, "outside_product_limits", "principal");
        Assert.True(problem.GetProperty("errors").TryGetProperty("termMonths", out _));
    }

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task SubmitLoan_BadField_Answers400NamingIt(string field, string? json, string named)
    {
        var coop = await CooperativeWithProductAsync();

        var response = await coop.Admin.PostAsync("/api/loans", TransactionJson.Content(LoanJson.With(LoanJson.Application("L-1", "A-1"), field, json)));

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "validation_failed", named);
    }

    [Fact]
    public async Task SubmitLoan_ReaderKey_Answers403()
    {
        var coop = await CooperativeWithProductAsync();
        using var reader = await coop.ClientWithRoleAsync("reader");

        var response = await reader.PostAsync("/api/loans", TransactionJson.Content(LoanJson.Application("L-1", "A-1").ToJsonString()));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task SubmitLoan_ProductChangedAfterwards_LoanKeepsTheTermsItWasGiven()
    {
        var coop = await CooperativeWithProductAsync();
        var before = await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));
        var changed = LoanJson.Product("annuity");
        changed["monthlyRateBps"] = 250;
        changed["name"] = "Pinjaman Umum 2027";
        await LoanJson.PutProductAsync(coop, product: changed);

        var after = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans/L-1");

        Assert.Equal(before.GetProperty("terms").GetRawText(), after.GetProperty("terms").GetRawText());
        Assert.Equal(before.GetProperty("schedule").GetRawText(), after.GetProperty("schedule").GetRawText());
        Assert.Equal(("flat", 150), (after.GetProperty("terms").GetProperty("interestMethod").GetString(), after.GetProperty("terms").GetProperty("monthlyRateBps").GetInt32()));
    }

    [Fact]
    public async Task SubmitLoan_SecondOpenLoanOfTheProduct_Answers409UntilTheFirstIsRejected()
    {
        var coop = await CooperativeWithProductAsync();
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));

        var refused = await coop.Admin.PostAsync("/api/loans", TransactionJson.Content(LoanJson.Application("L-2", "A-1").ToJsonString()));
        await Problem.AssertAsync(refused, HttpStatusCode.Conflict, "loan_limit_reached");
        (await coop.Admin.PostAsJsonAsync("/api/loans/L-1/reject", new { reason = "Penghasilan belum cukup" })).EnsureSuccessStatusCode();
        var accepted = await coop.Admin.PostAsync("/api/loans", TransactionJson.Content(LoanJson.Application("L-2", "A-1").ToJsonString()));

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task SubmitLoan_ConcurrentApplicationsOverTheLimit_ExactlyTheLimitAreAccepted()
    {
        var coop = await CooperativeWithProductAsync(maxActive: 2);

        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            coop.Admin.PostAsync("/api/loans", TransactionJson.Content(LoanJson.Application($"L-{i}", "A-1").ToJsonString()))));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await Problem.AssertAsync(refused, HttpStatusCode.Conflict, "loan_limit_reached");
        }
        var loans = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/A-1/loans");
        Assert.Equal(2, loans.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ApproveLoan_Submitted_ApprovedAndAgainChangesNothing()
    {
        var coop = await CooperativeWithProductAsync();
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));

        var first = await coop.Admin.PostAsync("/api/loans/L-1/approve", null);
        var again = await coop.Admin.PostAsync("/api/loans/L-1/approve", null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        var (a, b) = (await first.Content.ReadFromJsonAsync<JsonElement>(), await again.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal("approved", b.GetProperty("status").GetString());
        Assert.Equal(a.GetProperty("approvedAt").GetString(), b.GetProperty("approvedAt").GetString());
        await AssertListedOnlyUnderAsync(coop, "L-1", "approved");
    }

    [Fact]
    public async Task ApproveLoan_Rejected_Answers409StatusConflict()
    {
        var coop = await CooperativeWithProductAsync();
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));
        (await coop.Admin.PostAsJsonAsync("/api/loans/L-1/reject", new { reason = "Dokumen tidak lengkap" })).EnsureSuccessStatusCode();

        var response = await coop.Admin.PostAsync("/api/loans/L-1/approve", null);

        await Problem.AssertAsync(response, HttpStatusCode.Conflict, "loan_status_conflict");
        var loan = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans/L-1");
        Assert.Equal("rejected", loan.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RejectLoan_Approved_RejectedWithTheReasonOnceOnly()
    {
        var coop = await CooperativeWithProductAsync();
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));
        (await coop.Admin.PostAsync("/api/loans/L-1/approve", null)).EnsureSuccessStatusCode();

        var rejected = await coop.Admin.PostAsJsonAsync("/api/loans/L-1/reject", new { reason = "Anggota membatalkan" });
        var same = await coop.Admin.PostAsJsonAsync("/api/loans/L-1/reject", new { reason = "Anggota membatalkan" });
        var other = await coop.Admin.PostAsJsonAsync("/api/loans/L-1/reject", new { reason = "Alasan lain" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (rejected.StatusCode, same.StatusCode));
        await Problem.AssertAsync(other, HttpStatusCode.Conflict, "loan_status_conflict");
        var loan = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans/L-1");
        Assert.Equal(("rejected", "Anggota membatalkan"), (loan.GetProperty("status").GetString(), loan.GetProperty("rejectionReason").GetString()));
        await AssertListedOnlyUnderAsync(coop, "L-1", "rejected");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"reason\": \"  \"}")]
    [InlineData("{\"reason\": 1}")]
    [InlineData("{\"reason\": \"x\", \"note\": \"y\"}")]
    public async Task RejectLoan_BadBody_Answers400AndLeavesItSubmitted(string body)
    {
        var coop = await CooperativeWithProductAsync();
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));

        var response = await coop.Admin.PostAsync("/api/loans/L-1/reject", TransactionJson.Content(body));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("submitted", (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans/L-1")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ApproveLoan_TellerKey_Answers403()
    {
        var coop = await CooperativeWithProductAsync();
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));
        using var teller = await coop.ClientWithRoleAsync("teller");

        var response = await teller.PostAsync("/api/loans/L-1/approve", null);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ApproveAndReject_AtTheSameTime_EndRejectedAndIndexedOnce()
    {
        var coop = await CooperativeWithProductAsync();
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));

        var responses = await Task.WhenAll(
            coop.Admin.PostAsync("/api/loans/L-1/approve", null),
            coop.Admin.PostAsJsonAsync("/api/loans/L-1/reject", new { reason = "Ditolak pengurus" }),
            coop.Admin.PostAsync("/api/loans/L-1/approve", null));

        Assert.Equal(HttpStatusCode.OK, responses[1].StatusCode);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal("rejected", (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans/L-1")).GetProperty("status").GetString());
        await AssertListedOnlyUnderAsync(coop, "L-1", "rejected");
    }

    [Fact]
    public async Task GetLoan_Unknown_Answers404LoanNotFound()
    {
        var coop = await CooperativeWithProductAsync();

        await Problem.AssertAsync(await coop.Admin.GetAsync("/api/loans/L-404"), HttpStatusCode.NotFound, "loan_not_found");
        await Problem.AssertAsync(await coop.Admin.PostAsync("/api/loans/L-404/approve", null), HttpStatusCode.NotFound, "loan_not_found");
    }

    [Fact]
    public async Task GetLoan_AnotherCooperativesLoan_Answers404()
    {
        var coop = await CooperativeWithProductAsync();
        var other = await CooperativeWithProductAsync();
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));

        await Problem.AssertAsync(await other.Admin.GetAsync("/api/loans/L-1"), HttpStatusCode.NotFound, "loan_not_found");
        await Problem.AssertAsync(await other.Admin.PostAsync("/api/loans/L-1/approve", null), HttpStatusCode.NotFound, "loan_not_found");
        Assert.Empty((await other.Admin.GetFromJsonAsync<JsonElement>("/api/loans")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task GetLoan_AsOfAnotherDate_AnswersAsOfIt()
    {
        var coop = await CooperativeWithProductAsync();
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));

        var loan = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans/L-1?asOf=2030-01-31");

        Assert.Equal("2030-01-31", loan.GetProperty("asOf").GetString());
        Assert.Equal(10_000_000, loan.GetProperty("outstandingPrincipal").GetInt64());
        Assert.Equal(0, loan.GetProperty("penaltyDue").GetInt64()); // not disbursed: nothing is due
    }

    [Fact]
    public async Task ListLoans_ByStatus_PagesThroughEachLoanOnce()
    {
        var coop = await fixture.NewCooperativeAsync();
        await LoanJson.PutProductAsync(coop);
        for (var i = 1; i <= 5; i++)
        {
            await coop.AddMemberAsync($"A-{i}");
            await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application($"L-{i}", $"A-{i}"));
        }
        (await coop.Admin.PostAsync("/api/loans/L-2/approve", null)).EnsureSuccessStatusCode();
        (await coop.Admin.PostAsync("/api/loans/L-4/approve", null)).EnsureSuccessStatusCode();

        Assert.Equal(["L-1", "L-3", "L-5"], await ListIdsAsync(coop.Admin, "/api/loans?status=submitted&limit=2"));
        Assert.Equal(["L-2", "L-4"], await ListIdsAsync(coop.Admin, "/api/loans?status=approved&limit=1"));
        Assert.Equal(["L-2", "L-4", "L-1", "L-3", "L-5"], await ListIdsAsync(coop.Admin, "/api/loans?limit=2"));
    }

    [Fact]
    public async Task ListLoans_UnknownStatus_Answers400NamingStatus()
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await coop.Admin.GetAsync("/api/loans?status=lunas");

        await Problem.AssertFieldAsync(response, HttpStatusCode.BadRequest, "invalid_query", "status");
    }

    [Fact]
    public async Task ListMemberLoans_TwoMembers_OnlyThatMembersLoans()
    {
        var coop = await CooperativeWithProductAsync(maxActive: 3);
        await coop.AddMemberAsync("A-2");
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-1", "A-1"));
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-2", "A-2"));
        await LoanJson.SubmitAsync(coop.Admin, LoanJson.Application("L-3", "A-1", principal: 2_000_000, termMonths: 6));

        Assert.Equal(["L-1", "L-3"], await ListIdsAsync(coop.Admin, "/api/members/A-1/loans?limit=1"));
    }

    [Fact]
    public async Task ListMemberLoans_UnknownMember_Answers404MemberNotFound()
    {
        var coop = await fixture.NewCooperativeAsync();

        await Problem.AssertAsync(await coop.Admin.GetAsync("/api/members/NOBODY/loans"), HttpStatusCode.NotFound, "member_not_found");
    }

    private static async Task<List<string>> ListIdsAsync(HttpClient client, string url)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(url + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return ids;
    }

    private static async Task AssertListedOnlyUnderAsync(TestCooperative coop, string loanId, string status)
    {
        var all = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans");
        var entries = all.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetString() == loanId).ToList();
        var entry = Assert.Single(entries);
        Assert.Equal(status, entry.GetProperty("status").GetString());
    }

    private static DateOnly TodayInMakassar() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Makassar")).DateTime);
}
