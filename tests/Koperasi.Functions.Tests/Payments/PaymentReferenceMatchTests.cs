using System.Net.Http.Json;
using Koperasi.Functions.Payments;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Payments;

/// <summary>How a provider's references find a member: prefixes only at a boundary, and no guess when references disagree.</summary>
[Collection(QueuelessCollection.Name)]
public sealed class PaymentReferenceMatchTests(QueuelessApiFixture fixture)
{
    private PaymentReferenceStore Store => fixture.Service<PaymentReferenceStore>();

    private static async Task AddAsync(TestCooperative coop, string memberId, string reference, string account = "simpanan_sukarela", string provider = "midtrans")
    {
        if ((await coop.Admin.GetAsync($"/api/members/{memberId}")).StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            await coop.AddMemberAsync(memberId);
        }
        (await coop.Admin.PostAsJsonAsync($"/api/members/{memberId}/payment-references", new { provider, reference, account })).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("KSP-A1-2026-11", "A1")]
    [InlineData("KSP-A1", "A1")]
    [InlineData("KSP-A1_2026", "A1")]
    [InlineData("KSP-A1.11", "A1")]
    [InlineData("KSP-A10-2026-11", "A10")]
    [InlineData("KSP-A100-2026-11", null)]
    [InlineData("KSP-A1X", null)]
    public async Task Match_PrefixWithoutTrailingSeparator_MatchesOnlyAtASeparatorOrTheEnd(string orderId, string? expected)
    {
        var coop = await fixture.NewCooperativeAsync();
        await AddAsync(coop, "A1", "KSP-A1*");
        await AddAsync(coop, "A10", "KSP-A10-*");

        var match = await Store.MatchAsync(coop.Id, "midtrans", [orderId]);

        Assert.Equal(expected, match?.MemberId);
    }

    [Fact]
    public async Task Match_TwoMembersPrefixesBothMatch_IsUnmatched()
    {
        var coop = await fixture.NewCooperativeAsync();
        await AddAsync(coop, "A1", "KSP-A1-*");
        await AddAsync(coop, "B7", "KSP-A1-B7-*");

        Assert.Null(await Store.MatchAsync(coop.Id, "midtrans", ["KSP-A1-B7-2026"]));
        Assert.Equal("A1", (await Store.MatchAsync(coop.Id, "midtrans", ["KSP-A1-C8-2026"]))?.MemberId);
    }

    [Fact]
    public async Task Match_OrderPrefixAndVirtualAccountNameDifferentMembers_IsUnmatched()
    {
        var coop = await fixture.NewCooperativeAsync();
        await AddAsync(coop, "A1", "KSP-A1-*");
        await AddAsync(coop, "B7", "8800000000000007");

        Assert.Null(await Store.MatchAsync(coop.Id, "midtrans", ["KSP-A1-2026", "8800000000000007"]));
        Assert.Equal("B7", (await Store.MatchAsync(coop.Id, "midtrans", ["ORDER-9", "8800000000000007"]))?.MemberId);
    }

    [Fact]
    public async Task Match_SameMemberWithAMoreSpecificPrefix_TakesItsAccount()
    {
        var coop = await fixture.NewCooperativeAsync();
        await AddAsync(coop, "A1", "KSP-A1-*");
        await AddAsync(coop, "A1", "KSP-A1-W-*", "simpanan_wajib");

        Assert.Equal(new PaymentMatch("A1", "simpanan_wajib"), await Store.MatchAsync(coop.Id, "midtrans", ["KSP-A1-W-2026-11"]));
        Assert.Equal(new PaymentMatch("A1", "simpanan_sukarela"), await Store.MatchAsync(coop.Id, "midtrans", ["KSP-A1-2026-11"]));
    }
}
