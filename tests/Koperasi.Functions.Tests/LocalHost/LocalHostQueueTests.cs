using System.Net.Http.Json;
using Azure.Storage.Queues;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Tests.Support;
using Koperasi.Testing;

namespace Koperasi.Functions.Tests.LocalHost;

/// <summary>The LocalHost's queue trigger against the Functions host's: a message that is not base64.</summary>
public sealed class LocalHostQueueTests
{
    private const string NotBase64 = "{\"this is\": \"not base64!\"}";

    [Fact]
    public async Task Receive_AMessageThatIsNotBase64_GoesToPoisonAsReceivedAndTheRestOfItsBatchPosts()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var raw = new QueueClient(azurite.ConnectionString, StorageNames.TransactionsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var rawPoison = new QueueClient(azurite.ConnectionString, StorageNames.TransactionsPoisonQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        // First a LocalHost that only accepts: the foreign message, then a transaction, wait on the queue together.
        var accepting = await LocalHostHarness.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["LocalHost:DisableQueueTriggers"] = "true" });
        string id, adminKey;
        try
        {
            (_, adminKey) = await LocalHostHarness.NewCooperativeAsync(accepting);
            using var admin = LocalHostHarness.Client(accepting, adminKey);
            (await admin.PostAsJsonAsync("/api/members", new { id = "Q1", name = "Anggota Q1" })).EnsureSuccessStatusCode();
            await raw.CreateIfNotExistsAsync();
            await raw.SendMessageAsync(NotBase64);
            id = Postings.NewId();
            (await admin.PostAsJsonAsync("/api/transactions", new
            {
                id, memberId = "Q1", kind = "deposit", account = "simpanan_sukarela", amount = 10_000, occurredAt = "2026-10-05T09:00:00+08:00",
            })).EnsureSuccessStatusCode();
            Assert.Equal(2, (await raw.PeekMessagesAsync(32)).Value.Length);
        }
        finally
        {
            await LocalHostHarness.StopAsync(accepting);
        }

        // Then one that serves the queue, with a lease longer than the wait below: a batch held up by the bad
        // message would come back only after it. The poison queue's own trigger is off, so its content stays visible.
        var serving = await LocalHostHarness.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["LocalHost:MessageLeaseSeconds"] = "60",
            ["AzureWebJobs.RecordPoisonedTransaction.Disabled"] = "true",
        });
        try
        {
            using var client = LocalHostHarness.Client(serving, adminKey);

            var status = await ApiFixture.WaitForStatusAsync(client, id, TimeSpan.FromSeconds(30));

            Assert.Equal("posted", status.GetProperty("status").GetString());
            var poisoned = (await rawPoison.PeekMessagesAsync(32)).Value;
            Assert.Equal(NotBase64, Assert.Single(poisoned).Body.ToString());
            Assert.Empty((await raw.PeekMessagesAsync(32)).Value);
        }
        finally
        {
            await LocalHostHarness.StopAsync(serving);
        }
    }
}
