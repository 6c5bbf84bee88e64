using Koperasi.Functions.Books;

namespace Koperasi.Functions.Tests.Books;

/// <summary>The pure SHU split against DOMAIN.md's formula and worked example, and against a decimal computation made here.</summary>
public sealed class ShuCalculationTests
{
    [Fact]
    public void Split_DomainWorkedExample_MemberGets900000()
    {
        // SHU 100,000,000; JMA 20% = 20,000,000; JUA 25% = 25,000,000; the member holds 2,000,000 of 100,000,000 capital and paid 1,800,000 of 90,000,000 jasa.
        var members = new[] { new ShuMemberBasis("A", 2_000_000, 2_000_000, 1_800_000), new ShuMemberBasis("B", 98_000_000, 98_000_000, 88_200_000) };

        var split = ShuCalculation.Split(100_000_000, ShuPolicy.Default, members);

        var a = split.Members.Single(m => m.MemberId == "A");
        Assert.Equal((400_000, 500_000, 900_000), (a.JasaModal, a.JasaUsaha, a.Total));
        Assert.Equal(20_000_000, split.Allocations.Single(x => x.Code == ShuPolicy.JasaModal).Amount);
        Assert.Equal(25_000_000, split.Allocations.Single(x => x.Code == ShuPolicy.JasaUsaha).Amount);
        Assert.Equal(40_000_000, split.Allocations.Single(x => x.Code == "cadangan").Amount);
        Assert.Equal(0, split.Remainder.Amount);
    }

    [Fact]
    public void Split_SharesThatDoNotDivide_RoundDownAndTheRemainderIsNamed()
    {
        var members = new[] { new ShuMemberBasis("A", 1, 1, 0), new ShuMemberBasis("B", 1, 1, 0), new ShuMemberBasis("C", 1, 1, 1) };

        var split = ShuCalculation.Split(1_000_003, ShuPolicy.Default, members);

        // JMA = ⌊1,000,003 × 0.2⌋ = 200,000 → 66,666 each (2 left); JUA = ⌊250,000.75⌋ = 250,000, all C's.
        Assert.Equal([66_666, 66_666, 66_666], split.Members.Select(m => m.JasaModal));
        Assert.Equal(250_000, split.Members.Single(m => m.MemberId == "C").JasaUsaha);
        Assert.Equal("cadangan", split.Remainder.Account);
        Assert.Equal(2, split.Remainder.FromMembers);
        Assert.Equal(1_000_003 - split.Allocations.Sum(a => a.Amount), split.Remainder.FromAllocations);
        Assert.Equal(1_000_003, split.Allocations.Sum(a => a.Amount) + split.Remainder.FromAllocations);
    }

    [Fact]
    public void Split_RandomMembers_EqualsDecimalFormulaAndNothingIsLost()
    {
        var random = new Random(12);
        for (var run = 0; run < 200; run++)
        {
            var shu = random.NextInt64(1, 5_000_000_000);
            var members = Enumerable.Range(0, random.Next(1, 40)).Select(i =>
            {
                var capital = random.Next(4) == 0 ? 0 : random.NextInt64(0, 50_000_000);
                return new ShuMemberBasis($"M{i:D3}", capital, capital, random.Next(3) == 0 ? 0 : random.NextInt64(0, 20_000_000));
            }).ToList();

            var split = ShuCalculation.Split(shu, ShuPolicy.Default, members);

            var jma = Math.Floor(shu * 2_000m / 10_000m);
            var jua = Math.Floor(shu * 2_500m / 10_000m);
            decimal sTotal = members.Sum(m => m.CapitalWeight), vTotal = members.Sum(m => m.Use);
            foreach (var m in members)
            {
                var share = split.Members.Single(s => s.MemberId == m.MemberId);
                Assert.Equal(vTotal == 0 ? 0 : (long)Math.Floor(m.Use * jua / vTotal), share.JasaUsaha);
                Assert.Equal(sTotal == 0 ? 0 : (long)Math.Floor(m.CapitalWeight * jma / sTotal), share.JasaModal);
            }
            Assert.Equal(shu, split.MembersTotal + split.Allocations.Where(a => a.Code is not (ShuPolicy.JasaModal or ShuPolicy.JasaUsaha)).Sum(a => a.Amount) + split.Remainder.Amount);
        }
    }
}
