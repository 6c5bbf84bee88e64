using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Koperasi.Functions.Tests.Loans;
using Koperasi.Functions.Tests.Support;
using Koperasi.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Koperasi.Functions.Tests.Web;

/// <summary>
/// The treasurer's page in a real headless Chromium at 360 px, against the real LocalHost and Azurite: sign-in,
/// daily work, the offline outbox, roles, and on every screen no sideways scroll, 44-px targets, labels and axe.
/// What the page shows is checked against what the API answers on its own.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class WebBrowserTests(WebFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const long FirstLoadBudget = 150 * 1024;
    private IBrowserContext context = null!;
    private WebPage web = null!;
    private readonly List<string> urls = [];
    private readonly List<string> console = [];

    public async Task InitializeAsync()
    {
        context = await fixture.NewPhoneAsync();
        var page = await context.NewPageAsync();
        context.Request += (_, r) => urls.Add(r.Url);
        page.Console += (_, m) => console.Add(m.Text);
        web = new WebPage(page);
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task FirstLoad_FreshBrowser_IsWithinBudgetCompressedAndServedWithCsp()
    {
        var sizes = new List<(string Url, long Bytes)>();
        var responses = new List<IResponse>();
        context.Response += (_, r) => responses.Add(r); // the page's and its service worker's (install fetches included)

        var main = await web.Page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Expect(web.Page.GetByRole(AriaRole.Button, new() { Name = "Masuk" })).ToBeVisibleAsync();
        await web.WaitForServiceWorkerAsync();

        await web.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        foreach (var response in responses.Where(r => !r.FromServiceWorker).ToList())
        {
            var size = await response.Request.SizesAsync();
            sizes.Add((response.Url, size.ResponseBodySize + size.ResponseHeadersSize));
        }
        var total = sizes.Sum(s => s.Bytes);
        foreach (var (url, bytes) in sizes)
        {
            output.WriteLine($"first load: {bytes,7:N0} B  {url}");
            Console.WriteLine($"web page first load: {bytes,7:N0} B  {url}");
        }
        output.WriteLine($"first load: {total:N0} bytes over the wire (budget {FirstLoadBudget:N0})");
        Console.WriteLine($"web page first load: {total:N0} bytes compressed, {sizes.Count} responses (budget {FirstLoadBudget:N0})");
        Assert.True(total <= FirstLoadBudget, $"first load is {total} bytes");
        Assert.Contains(sizes, s => s.Url.EndsWith(".js", StringComparison.Ordinal));
        Assert.All(urls, u => Assert.StartsWith(fixture.BaseAddress.GetLeftPart(UriPartial.Authority), u));
        var headers = await main!.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SignIn_WithoutIngat_KeepsTheKeyForTheTabOnlyAndKeluarForgetsIt()
    {
        var coop = await fixture.NewCooperativeAsync();

        await web.SignInAsync(coop.AdminKey);

        Assert.Null(await web.Page.EvaluateAsync<string?>("() => localStorage.getItem('koperasi.key')"));
        Assert.Equal(coop.AdminKey, await web.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('koperasi.key')"));
        var other = new WebPage(await context.NewPageAsync());
        await other.Page.GotoAsync("/");
        await Expect(other.Page.GetByRole(AriaRole.Button, new() { Name = "Masuk" })).ToBeVisibleAsync();

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync();

        await Expect(web.Page.GetByLabel("Kunci API")).ToBeVisibleAsync();
        Assert.Equal(0, await web.Page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        AssertKeyNeverLeaked(coop.AdminKey);
    }

    [Fact]
    public async Task SignIn_WithIngat_KeepsTheKeyOnTheDeviceUntilKeluar()
    {
        var coop = await fixture.NewCooperativeAsync();

        await web.SignInAsync(coop.AdminKey, remember: true);

        Assert.Equal(coop.AdminKey, await web.Page.EvaluateAsync<string?>("() => localStorage.getItem('koperasi.key')"));
        var other = new WebPage(await context.NewPageAsync());
        await other.Page.GotoAsync("/");
        await Expect(other.Page.GetByRole(AriaRole.Heading, new() { Name = "Beranda" })).ToBeVisibleAsync();
        await other.Page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync();
        Assert.Null(await other.Page.EvaluateAsync<string?>("() => localStorage.getItem('koperasi.key')"));
        AssertKeyNeverLeaked(coop.AdminKey);
    }

    [Fact]
    public async Task SignIn_UnknownKey_ShowsTheReasonAndStaysSignedOut()
    {
        await web.Page.GotoAsync("/");
        await web.Page.GetByLabel("Kunci API").FillAsync("kop_notakey_0000000000000000");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Masuk" }).ClickAsync();

        await Expect(web.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Kunci API tidak dikenal");
        Assert.Equal(0, await web.Page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
    }

    [Fact]
    public async Task Deposit_RecordedOnline_IsPostedAndTheMemberBalanceChanges()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A7", "Wayan Sudarsana");
        await web.SignInAsync(coop.AdminKey);
        await web.Page.GotoAsync("/#/anggota/A7");
        await Expect(web.Page.Locator("[data-balance=simpanan_sukarela]")).ToHaveTextAsync("Rp0");

        await web.OpenAsync("Transaksi baru", "Transaksi baru");
        var id = await web.RecordAsync("A7", "Setoran", "Simpanan sukarela", "1.234.567");

        await Expect(web.OutboxItem(id)).ToHaveAttributeAsync("data-state", "posted");
        await Expect(web.OutboxItem(id)).ToContainTextAsync("Rp1.234.567");
        var api = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/transactions/{id}");
        Assert.Equal("posted", api.GetProperty("status").GetString());
        Assert.Equal(1_234_567, api.GetProperty("amount").GetInt64());
        await web.Page.GotoAsync("/#/anggota/A7");
        await Expect(web.Page.Locator("[data-balance=simpanan_sukarela]")).ToHaveTextAsync("Rp1.234.567");
        await Expect(web.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Setoran · Simpanan sukarela");
        AssertKeyNeverLeaked(coop.AdminKey);
    }

    [Fact]
    public async Task Withdrawal_MoreThanTheBalance_ShowsTheRejectionReasonInBahasaIndonesia()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("A8");
        await web.SignInAsync(coop.AdminKey);
        await web.OpenAsync("Transaksi baru", "Transaksi baru");

        var id = await web.RecordAsync("A8", "Penarikan", "Simpanan sukarela", "500000");

        await Expect(web.OutboxItem(id)).ToHaveAttributeAsync("data-state", "rejected");
        await Expect(web.OutboxItem(id)).ToContainTextAsync("Ditolak");
        await Expect(web.OutboxItem(id)).ToContainTextAsync("Saldo tidak cukup untuk penarikan ini.");
        var api = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/transactions/{id}");
        Assert.Equal("insufficient_balance", api.GetProperty("reason").GetProperty("code").GetString());
    }

    [Fact]
    public async Task LoanRepayment_RecordedOnlineOnItsDueDate_LowersTheOutstandingPrincipalByThePokok()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("P1", "Nyoman Suarta");
        await WebLoans.ProductAsync(coop, penaltyBpsPerDay: 0);
        var loan = await WebLoans.DisbursedAsync(coop, "PJ-1", "P1", WebLoans.Today.AddMonths(-1)); // its first installment falls due today
        var firstDue = DateOnly.Parse(loan.GetProperty("schedule")[0].GetProperty("dueDate").GetString()!, CultureInfo.InvariantCulture);
        Assert.True(firstDue <= WebLoans.Today, $"installment 1 is due {firstDue}");
        await web.SignInAsync(coop.AdminKey);
        await web.Page.GotoAsync("/#/anggota/P1");
        await Expect(web.Page.Locator("[data-outstanding='PJ-1']")).ToHaveTextAsync("Sisa pokok " + WebPage.Rupiah(WebLoans.Principal));
        await Expect(web.Page.Locator("[data-balance=piutang_pinjaman]")).ToHaveTextAsync(WebPage.Rupiah(WebLoans.Principal));

        await web.OpenAsync("Transaksi baru", "Transaksi baru");
        var id = await web.RecordRepaymentAsync("P1", "PJ-1", WebPage.Rupiah(WebLoans.Installment)["Rp".Length..]);

        var left = WebLoans.Principal - WebLoans.Pokok;
        Assert.Equal((983_333, 150_000, 833_333), (WebLoans.Installment, WebLoans.Jasa, WebLoans.Pokok));
        await Expect(web.OutboxItem(id)).ToHaveAttributeAsync("data-state", "posted");
        await Expect(web.OutboxItem(id)).ToContainTextAsync("Angsuran pinjaman · Pinjaman PJ-1 · P1");
        await Expect(web.OutboxItem(id)).ToContainTextAsync("Piutang pinjaman sesudahnya " + WebPage.Rupiah(left));
        var after = await LoanSteps.LoanAsync(coop, "PJ-1");
        Assert.Equal(left, after.GetProperty("outstandingPrincipal").GetInt64());
        var first = after.GetProperty("schedule")[0];
        Assert.Equal(("paid", 0L, WebLoans.Jasa, WebLoans.Pokok), (first.GetProperty("status").GetString(), first.GetProperty("paidPenalty").GetInt64(),
            first.GetProperty("paidInterest").GetInt64(), first.GetProperty("paidPrincipal").GetInt64()));
        Assert.Equal("posted", (await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/transactions/{id}")).GetProperty("status").GetString());
        await web.Page.GotoAsync("/#/anggota/P1");
        await Expect(web.Page.Locator("[data-outstanding='PJ-1']")).ToHaveTextAsync("Sisa pokok " + WebPage.Rupiah(left));
        await Expect(web.Page.Locator("[data-balance=piutang_pinjaman]")).ToHaveTextAsync(WebPage.Rupiah(left));
        await Expect(web.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Angsuran pinjaman · Piutang pinjaman");
        await LoanSteps.AssertLedgerCheckOkAsync(coop);
    }

    [Fact]
    public async Task LoanRepayment_OverpaymentTypedOffline_IsRejectedWithTheReasonInBahasaIndonesia()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("P2");
        await WebLoans.ProductAsync(coop, penaltyBpsPerDay: 0);
        await WebLoans.DisbursedAsync(coop, "PJ-2", "P2", WebLoans.Today.AddDays(-3));
        await web.SignInAsync(coop.AdminKey);
        await web.WaitForServiceWorkerAsync();
        await web.OpenAsync("Transaksi baru", "Transaksi baru");

        await context.SetOfflineAsync(true);
        var id = await web.RecordRepaymentAsync("P2", "PJ-2", "20.000.000", typed: true); // no list offline: the loan's number is typed
        await Expect(web.OutboxItem(id)).ToContainTextAsync("Menunggu sinkron");
        await context.SetOfflineAsync(false);

        await Expect(web.OutboxItem(id)).ToHaveAttributeAsync("data-state", "rejected");
        var api = await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/transactions/{id}");
        Assert.Equal("overpayment", api.GetProperty("reason").GetProperty("code").GetString());
        await Expect(web.OutboxItem(id)).ToContainTextAsync("Ditolak");
        await Expect(web.OutboxItem(id)).ToContainTextAsync("Melebihi sisa pinjaman. " + api.GetProperty("reason").GetProperty("message").GetString());
        Assert.Equal(WebLoans.Principal, (await LoanSteps.LoanAsync(coop, "PJ-2")).GetProperty("outstandingPrincipal").GetInt64());
    }

    [Fact]
    public async Task Beranda_LoansInArrears_ShowTheApiFiguresAndBuckets()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("T1");
        await coop.AddMemberAsync("T2");
        await WebLoans.ProductAsync(coop, penaltyBpsPerDay: 10);
        await WebLoans.DisbursedAsync(coop, "PJ-LATE", "T1", WebLoans.Today.AddMonths(-3).AddDays(-5)); // three installments due, none paid
        await WebLoans.DisbursedAsync(coop, "PJ-NEW", "T2", WebLoans.Today.AddDays(-10));

        await web.SignInAsync(coop.AdminKey);

        var arrears = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/loans/arrears");
        var buckets = arrears.GetProperty("buckets").EnumerateArray().ToList();
        var late = buckets.Where(b => b.GetProperty("bucket").GetString() != "current").Sum(b => b.GetProperty("loans").GetInt32());
        Assert.Equal((2 * WebLoans.Principal, 3 * WebLoans.Installment, 1), (arrears.GetProperty("outstandingPrincipal").GetInt64(), arrears.GetProperty("overdue").GetInt64(), late));
        await Expect(web.Page.Locator("[data-loans=active]")).ToHaveTextAsync(arrears.GetProperty("loans").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Expect(web.Page.Locator("[data-loans=outstanding]")).ToHaveTextAsync(WebPage.Rupiah(arrears.GetProperty("outstandingPrincipal").GetInt64()));
        await Expect(web.Page.Locator("[data-loans=late]")).ToHaveTextAsync(late.ToString(CultureInfo.InvariantCulture));
        await Expect(web.Page.Locator("[data-loans=overdue]")).ToHaveTextAsync(WebPage.Rupiah(arrears.GetProperty("overdue").GetInt64()));
        Assert.Equal(5, buckets.Count);
        foreach (var b in buckets)
        {
            var row = web.Page.Locator($"li[data-bucket='{b.GetProperty("bucket").GetString()}'] [data-figure]");
            var penalty = b.GetProperty("penaltyDue").GetInt64();
            await Expect(row).ToHaveTextAsync([b.GetProperty("loans").GetInt32().ToString(CultureInfo.InvariantCulture) + " pinjaman",
                "Sisa pokok " + WebPage.Rupiah(b.GetProperty("outstandingPrincipal").GetInt64()),
                "Tunggakan " + WebPage.Rupiah(b.GetProperty("overdue").GetInt64()), "Denda " + WebPage.Rupiah(penalty)]);
        }
        Assert.Equal("31-90", arrears.GetProperty("items")[0].GetProperty("bucket").GetString());
    }

    [Fact]
    public async Task Offline_ThreeTransactionsAndAReload_AllPostExactlyOnceWhenOnlineAgain()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("C1", "Ketut Arsana");
        await web.SignInAsync(coop.AdminKey);
        await web.WaitForServiceWorkerAsync();
        await web.OpenAsync("Transaksi baru", "Transaksi baru");

        await context.SetOfflineAsync(true);
        var ids = new List<string>
        {
            await web.RecordAsync("C1", "Setoran", "Simpanan sukarela", "10000"),
            await web.RecordAsync("C1", "Setoran", "Simpanan sukarela", "20.000"),
            await web.RecordAsync("C1", "Setoran", "Simpanan wajib", "50.000"),
        };
        await web.Page.ReloadAsync();
        await Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Transaksi baru" })).ToBeVisibleAsync();
        foreach (var id in ids)
        {
            await Expect(web.OutboxItem(id)).ToContainTextAsync("Menunggu sinkron");
            Assert.Equal(HttpStatusCode.NotFound, (await coop.Admin.GetAsync($"/api/transactions/{id}")).StatusCode);
        }

        await context.SetOfflineAsync(false);

        foreach (var id in ids)
        {
            await Expect(web.OutboxItem(id)).ToHaveAttributeAsync("data-state", "posted");
            await Expect(web.OutboxItem(id)).ToContainTextAsync("Tercatat");
        }
        var ledger = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/C1/ledger");
        var lines = ledger.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("transactionId").GetString()).ToList();
        Assert.Equal(ids.Order(), lines.Order());
        var balances = (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/C1/balances")).GetProperty("balances");
        Assert.Equal(30_000, balances.GetProperty("simpanan_sukarela").GetInt64());
        Assert.Equal(50_000, balances.GetProperty("simpanan_wajib").GetInt64());
    }

    [Fact]
    public async Task Sync_AnswerLostAfterTheApiAccepted_ResendsTheSameIdAndPostsOnce()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("C2");
        await web.SignInAsync(coop.AdminKey);
        await web.OpenAsync("Transaksi baru", "Transaksi baru");
        var posts = 0;
        await web.Page.RouteAsync("**/api/transactions", async route =>
        {
            if (route.Request.Method == "POST" && Interlocked.Increment(ref posts) == 1)
            {
                var accepted = await route.FetchAsync(); // the API takes it...
                Assert.Equal(202, accepted.Status);
                await route.AbortAsync("connectionreset"); // ...and the answer never reaches the phone
                return;
            }
            await route.ContinueAsync();
        });

        var id = await web.RecordAsync("C2", "Setoran", "Simpanan sukarela", "75.000");

        await Expect(web.OutboxItem(id)).ToHaveAttributeAsync("data-state", "posted");
        Assert.True(posts >= 2, $"the page sent {posts} time(s)");
        var ledger = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/C2/ledger");
        Assert.Equal([id], ledger.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("transactionId").GetString()));
        Assert.Equal(75_000, ledger.GetProperty("closingBalances").GetProperty("simpanan_sukarela").GetInt64());
    }

    [Fact]
    public async Task ReaderKey_AnyScreen_ShowsNoSimpanAndNoTransaksiBaru()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("R1", "Made Reader");
        var reader = await IssueKeyAsync(coop, "reader");
        await web.SignInAsync(reader);

        await Expect(web.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Transaksi baru" })).ToHaveCountAsync(0);
        foreach (var screen in new[] { "#/transaksi", "#/anggota/R1", "#/anggota-baru", "#/anggota/R1/ubah", "#/pembayaran", "#/kegagalan", "#/laporan" })
        {
            await web.Page.GotoAsync("/" + screen);
            await Expect(web.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await web.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Expect(web.Page.GetByRole(AriaRole.Button, new() { Name = "Simpan" })).ToHaveCountAsync(0);
            await Expect(web.Page.GetByRole(AriaRole.Button, new() { Name = "Mulai kirim laporan" })).ToHaveCountAsync(0);
        }
        await web.Page.GotoAsync("/#/anggota/R1");
        await Expect(web.Page.Locator("[data-balance=simpanan_sukarela]")).ToHaveTextAsync("Rp0");
        await Expect(web.Page.GetByRole(AriaRole.Link, new() { Name = "Ubah" })).ToHaveCountAsync(0);

        // The same screens with a teller key do show "Simpan": the check above can fail.
        var teller = new WebPage(await (await fixture.NewPhoneAsync()).NewPageAsync());
        await teller.SignInAsync(await IssueKeyAsync(coop, "teller"));
        await teller.Page.GotoAsync("/#/transaksi");
        await Expect(teller.Page.GetByRole(AriaRole.Button, new() { Name = "Simpan" })).ToBeVisibleAsync();
        await teller.Page.Context.DisposeAsync();
    }

    [Fact]
    public async Task Member_AddedAndEditedInThePage_IsStoredAndFoundByName()
    {
        var coop = await fixture.NewCooperativeAsync();
        await web.SignInAsync(coop.AdminKey);
        await web.OpenAsync("Anggota", "Anggota");
        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Tambah anggota" }).ClickAsync();
        await web.Page.GetByLabel("Nomor anggota").FillAsync("N-01");
        await web.Page.GetByLabel("Nama").FillAsync("Luh Putu Sari");
        await web.Page.GetByLabel("Telepon").FillAsync("+6281234567890");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
        await Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Anggota N-01" })).ToBeVisibleAsync();

        await web.Page.GetByRole(AriaRole.Link, new() { Name = "Ubah" }).ClickAsync();
        await web.Page.GetByLabel("Nama").FillAsync("Luh Putu Sari Dewi");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Simpan" }).ClickAsync();
        await Expect(web.Page.GetByRole(AriaRole.Heading, new() { Name = "Luh Putu Sari Dewi" })).ToBeVisibleAsync();

        await web.OpenAsync("Anggota", "Anggota");
        await web.Page.GetByLabel("Cari anggota (nomor atau nama)").FillAsync("sari dewi");
        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Cari" }).ClickAsync();
        await Expect(web.Page.GetByRole(AriaRole.Link, new() { Name = "N-01 · Luh Putu Sari Dewi" })).ToBeVisibleAsync();
        var member = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/N-01");
        Assert.Equal("Luh Putu Sari Dewi", member.GetProperty("name").GetString());
        Assert.Equal("+6281234567890", member.GetProperty("phone").GetString());
    }

    [Fact]
    public async Task Failure_ReplayedWithUlangi_PostsTheTransactionOnce()
    {
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync("F1");
        var id = "poison-" + Guid.NewGuid().ToString("N")[..12];
        fixture.Faults.FailIdsStartingWith(id);
        try
        {
            (await coop.Admin.PostAsJsonAsync("/api/transactions", new { id, memberId = "F1", kind = "deposit", account = "simpanan_sukarela", amount = 60_000, occurredAt = DateTimeOffset.UtcNow })).EnsureSuccessStatusCode();
            await UntilAsync(async () => (await coop.Admin.GetFromJsonAsync<JsonElement>("/api/failures")).GetProperty("items").EnumerateArray()
                .Any(f => f.TryGetProperty("transactionId", out var t) && t.GetString() == id && f.GetProperty("status").GetString() == "poisoned"));
        }
        finally
        {
            fixture.Faults.FailIdsStartingWith(null);
        }
        await web.SignInAsync(coop.AdminKey);
        await web.OpenAsync("Kegagalan", "Kegagalan");
        await Expect(web.Page.GetByRole(AriaRole.Main)).ToContainTextAsync(id);

        await web.Page.GetByRole(AriaRole.Button, new() { Name = "Ulangi" }).ClickAsync();

        await Expect(web.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Diulang; akan dibukukan sekali.");
        await UntilAsync(async () => (await coop.Admin.GetFromJsonAsync<JsonElement>($"/api/transactions/{id}")).GetProperty("status").GetString() == "posted");
        var ledger = await coop.Admin.GetFromJsonAsync<JsonElement>("/api/members/F1/ledger");
        Assert.Equal([id], ledger.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("transactionId").GetString()));
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not hold within 60 s");
            await Task.Delay(200);
        }
    }

    private static async Task<string> IssueKeyAsync(TestCooperative coop, string role)
    {
        var response = await coop.Admin.PostAsJsonAsync("/api/keys", new { name = role, role });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private void AssertKeyNeverLeaked(string key)
    {
        Assert.DoesNotContain(urls, u => u.Contains(key, StringComparison.Ordinal) || u.Contains(Uri.EscapeDataString(key), StringComparison.Ordinal));
        Assert.DoesNotContain(console, m => m.Contains(key, StringComparison.Ordinal));
    }
}
