using Koperasi.Functions.Statements;
using Koperasi.Functions.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Koperasi.Functions.Tests.Statements;

/// <summary>The real SendGrid client against a fake SendGrid server on loopback; the clock is fake.</summary>
public sealed class SendGridSenderTests
{
    private const string ApiKey = "SG.fake-key-for-tests-only";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static SendGridStatementSender Sender(FakeSendGridServer server, TimeProvider clock) => new(
        Options.Create(new EmailOptions
        {
            Mode = EmailMode.SendGrid, SendGridApiKey = ApiKey, SendGridHost = server.Host, FromAddress = "laporan@koperasi.example", FromName = "Koperasi Uji",
        }),
        clock, NullLogger<SendGridStatementSender>.Instance);

    private static StatementEmail Email() => new("kCoop123", "A-001", "2026-10", "st_0123456789abcdef01234567", "siti@example.test", "Siti Rahayu",
        "Laporan Simpanan Oktober 2026", "<p>Rp1.234.567</p>", "Rp1.234.567");

    [Fact]
    public async Task Send_RateLimitedOnce_WaitsForTheResetThenSends()
    {
        var clock = new FakeTimeProvider(Now);
        await using var server = await FakeSendGridServer.StartAsync(clock);
        server.ThenRateLimited(Now.AddSeconds(30));
        using var sender = Sender(server, clock);

        var outcome = await ManualClock.RunAsync(clock, sender.SendAsync(Email()), TimeSpan.FromSeconds(1));

        Assert.Equal(StatementStatus.Sent, outcome.Status);
        Assert.Equal("fake-1", outcome.ProviderMessageId);
        Assert.Equal(2, server.Received.Count);
        Assert.True(server.Received[1].At >= Now.AddSeconds(30), $"retried at {server.Received[1].At}, before the reset");
    }

    [Fact]
    public async Task Send_400_FailsWithTheProvidersMessageAndDoesNotRetry()
    {
        var clock = new FakeTimeProvider(Now);
        await using var server = await FakeSendGridServer.StartAsync(clock);
        server.ThenError(400, "Invalid email address.");
        using var sender = Sender(server, clock);

        var outcome = await sender.SendAsync(Email());

        Assert.Equal(StatementStatus.Failed, outcome.Status);
        Assert.Equal("SendGrid 400: Invalid email address.", outcome.Error);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task Send_ServerErrors_BackOffAndTryAgain()
    {
        var clock = new FakeTimeProvider(Now);
        await using var server = await FakeSendGridServer.StartAsync(clock);
        server.ThenError(503, "Service unavailable");
        server.ThenError(500, "Internal error");
        using var sender = Sender(server, clock);

        var outcome = await ManualClock.RunAsync(clock, sender.SendAsync(Email()), TimeSpan.FromMilliseconds(500));

        Assert.Equal(StatementStatus.Sent, outcome.Status);
        Assert.Equal(3, server.Received.Count);
        Assert.True(server.Received[2].At - server.Received[1].At > server.Received[1].At - server.Received[0].At - TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Send_ServerErrorEveryTime_FailsAfterTheLastAttempt()
    {
        var clock = new FakeTimeProvider(Now);
        await using var server = await FakeSendGridServer.StartAsync(clock);
        for (var i = 0; i < SendGridStatementSender.MaxAttempts; i++)
        {
            server.ThenError(502, "Bad gateway");
        }
        using var sender = Sender(server, clock);

        var outcome = await ManualClock.RunAsync(clock, sender.SendAsync(Email()), TimeSpan.FromSeconds(1));

        Assert.Equal(StatementStatus.Failed, outcome.Status);
        Assert.Contains("SendGrid 502: Bad gateway", outcome.Error);
        Assert.Equal(SendGridStatementSender.MaxAttempts, server.Received.Count);
    }

    [Fact]
    public async Task Send_Request_CarriesTheKeyBothBodiesAndOnlyOpaqueIds()
    {
        var clock = new FakeTimeProvider(Now);
        await using var server = await FakeSendGridServer.StartAsync(clock);
        using var sender = Sender(server, clock);

        await sender.SendAsync(Email());

        var request = Assert.Single(server.Received);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal("Bearer " + ApiKey, request.Authorization);
        var contents = request.Body.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()).ToList();
        Assert.Equal(["text/plain", "text/html"], contents);
        var customArgs = request.Body.GetProperty("personalizations").EnumerateArray().Select(p => p.GetProperty("custom_args").GetRawText());
        var visibleToProvider = request.Body.GetProperty("categories").GetRawText() + string.Join("", customArgs);
        Assert.Contains("st_0123456789abcdef01234567", visibleToProvider);
        Assert.DoesNotContain("Siti", visibleToProvider);
        Assert.DoesNotContain("A-001", visibleToProvider);
        Assert.DoesNotContain("@", visibleToProvider);
    }
}
