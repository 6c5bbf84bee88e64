using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Koperasi.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Koperasi.Functions.Tests.Webhooks.WebhookSamples;

namespace Koperasi.Functions.Tests.Webhooks;

/// <summary>Provider secrets: admin-only, never in any answer, never in a log line, never in clear in storage.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProviderSecretsTests(ApiFixture fixture)
{
    [Fact]
    public async Task Secrets_AreNeverReturnedNorLogged_AndAreEncryptedAtRest()
    {
        var logs = new CapturingLoggerProvider();
        var (host, baseAddress) = await ApiFixture.StartHostAsync(fixture.Azurite.ConnectionString, null, s => s.AddSingleton<ILoggerProvider>(logs));
        try
        {
            var coop = await fixture.NewCooperativeAsync();
            using var admin = new HttpClient { BaseAddress = baseAddress };
            admin.DefaultRequestHeaders.Authorization = new("Bearer", coop.AdminKey);
            var answers = new List<string>
            {
                await (await admin.PutAsJsonAsync("/api/providers/midtrans", new { serverKey = MidtransServerKey })).Content.ReadAsStringAsync(),
                await (await admin.PutAsJsonAsync("/api/providers/xendit", new { callbackToken = XenditToken, secretApiKey = XenditApiKey })).Content.ReadAsStringAsync(),
                await (await admin.PutAsJsonAsync($"/api/providers/standard-webhooks/{StandardName}", new { secret = StandardSecret })).Content.ReadAsStringAsync(),
            };
            var list = await admin.GetStringAsync("/api/providers");
            answers.Add(list);
            using var anonymous = new HttpClient { BaseAddress = baseAddress };
            var body = Load("midtrans-settlement.json");
            answers.Add(await (await anonymous.SendAsync(Midtrans(coop.Id, SignMidtrans(body, "SB-Mid-server-wrong")))).Content.ReadAsStringAsync());
            answers.Add(await (await anonymous.SendAsync(Midtrans(coop.Id, SignMidtrans(body)))).Content.ReadAsStringAsync());
            answers.Add(await (await anonymous.SendAsync(Xendit(coop.Id, "{}", "wrong"))).Content.ReadAsStringAsync());

            var providers = JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("provider").GetString()).ToList();
            Assert.Equal(["midtrans", "standard-webhooks", "xendit"], providers.Order());
            var stored = await fixture.Storage.CreateTableServiceClient().GetTableClient("providers")
                .QueryAsync<TableEntity>(e => e.PartitionKey == coop.Id).ToListAsync();
            Assert.Equal(3, stored.Count);
            Assert.NotEmpty(logs.Lines);
            foreach (var secret in new[] { MidtransServerKey, XenditToken, XenditApiKey, StandardSecret, StandardSecret["whsec_".Length..] })
            {
                Assert.All(answers, a => Assert.DoesNotContain(secret, a));
                Assert.All(logs.Lines, l => Assert.DoesNotContain(secret, l));
                Assert.All(stored, e => Assert.All(((IDictionary<string, object>)e).Values.OfType<string>(), value => Assert.DoesNotContain(secret, value)));
            }
            var teller = await coop.ClientWithRoleAsync("teller");
            Assert.Equal(HttpStatusCode.Forbidden, (await teller.PutAsJsonAsync("/api/providers/xendit", new { callbackToken = "teller-may-not-set-this" })).StatusCode);
        }
        finally
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }
}
