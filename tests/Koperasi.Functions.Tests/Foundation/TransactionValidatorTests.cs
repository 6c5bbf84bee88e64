using System.Text.Json;
using Koperasi.Functions.Tests.Support;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Tests.Foundation;

public sealed class TransactionValidatorTests
{
    [Fact]
    public void Read_Valid_GivesTheRequest()
    {
        var (request, errors) = TransactionValidator.Read(Parse(TransactionJson.Valid("t-1", "M-1").ToJsonString()));

        Assert.Empty(errors);
        Assert.Equal(new TransactionRequest("t-1", "M-1", "deposit", "simpanan_sukarela", 25_000,
            DateTimeOffset.Parse(TransactionJson.OccurredAt, System.Globalization.CultureInfo.InvariantCulture), "SETOR-t-1", "Setoran sukarela"), request);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("description")]
    public void Read_EmptyOptionalText_IsNull(string field)
    {
        var (request, _) = TransactionValidator.Read(Parse(TransactionJson.With("t-1", "M-1", field, "\"\"")));

        Assert.NotNull(request);
        Assert.Null(field == "reference" ? request.Reference : request.Description);
    }

    [Theory]
    [InlineData("id", "\"a.b-c_D9\"", true)]
    [InlineData("id", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", true)]
    [InlineData("id", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", false)]
    [InlineData("id", "\"a b\"", false)]
    [InlineData("id", "\"a'b\"", false)]
    [InlineData("memberId", "\"M_1-x\"", true)]
    [InlineData("memberId", "\"M.1\"", false)]
    [InlineData("kind", "\"withdrawal\"", true)]
    [InlineData("kind", "\"reversal\"", false)]
    [InlineData("account", "\"simpanan_pokok\"", true)]
    [InlineData("account", "\"simpanan\"", false)]
    [InlineData("amount", "1000000000000", true)]
    [InlineData("amount", "1000000000001", false)]
    [InlineData("reference", "null", true)]
    public void Read_Field_IsValidOrNamedInErrors(string field, string json, bool valid)
    {
        var (request, errors) = TransactionValidator.Read(Parse(TransactionJson.With("t-1", "M-1", field, json)));

        Assert.Equal(valid, request is not null);
        Assert.Equal(valid ? [] : [field], errors.Keys);
    }

    [Fact]
    public void Read_ReferenceAndDescriptionAtTheirLimits_AreValid()
    {
        var body = TransactionJson.Valid("t-1", "M-1");
        body["reference"] = new string('r', TransactionValidator.MaxReference);
        body["description"] = new string('d', TransactionValidator.MaxDescription);

        var (request, _) = TransactionValidator.Read(Parse(body.ToJsonString()));

        Assert.NotNull(request);
    }

    [Fact]
    public void Read_ManyProblems_NamesEveryField()
    {
        var (request, errors) = TransactionValidator.Read(Parse("{\"id\": 1, \"kind\": \"x\", \"amount\": -1, \"extra\": true}"));

        Assert.Null(request);
        Assert.Equal(["account", "amount", "extra", "id", "kind", "memberId", "occurredAt"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{\"id\": \"t-1\"}", "t-1")]
    [InlineData("{\"id\": 7}", null)]
    [InlineData("[\"t-1\"]", null)]
    [InlineData("{}", null)]
    public void IdOf_Item_IsItsStringIdOrNull(string json, string? expected)
    {
        Assert.Equal(expected, TransactionValidator.IdOf(Parse(json)));
    }

    [Fact]
    public void SameContentAs_SameInstantInAnotherOffset_IsTrue()
    {
        var (local, _) = TransactionValidator.Read(Parse(TransactionJson.With("t-1", "M-1", "occurredAt", "\"2026-10-31T09:30:00+08:00\"")));
        var (utc, _) = TransactionValidator.Read(Parse(TransactionJson.With("t-1", "M-1", "occurredAt", "\"2026-10-31T01:30:00Z\"")));

        Assert.True(local!.SameContentAs(utc!));
    }

    [Theory]
    [InlineData("memberId", "\"M-2\"")]
    [InlineData("kind", "\"withdrawal\"")]
    [InlineData("account", "\"simpanan_wajib\"")]
    [InlineData("amount", "25001")]
    [InlineData("occurredAt", "\"2026-10-31T09:30:01+08:00\"")]
    [InlineData("reference", "\"X\"")]
    [InlineData("description", null)]
    public void SameContentAs_OneFieldDiffers_IsFalse(string field, string? json)
    {
        var (original, _) = TransactionValidator.Read(Parse(TransactionJson.Valid("t-1", "M-1").ToJsonString()));
        var (changed, _) = TransactionValidator.Read(Parse(TransactionJson.With("t-1", "M-1", field, json)));

        Assert.False(original!.SameContentAs(changed!));
    }

    [Theory]
    [InlineData("2026-11-01T09:29:00+08:00", true)]
    [InlineData("2026-11-01T09:31:00+08:00", false)]
    [InlineData("2062-10-31T09:30:00+08:00", false)]
    public void Read_OccurredAtAgainstNow_IsBoundedToOneDayAhead(string occurredAt, bool valid)
    {
        var now = DateTimeOffset.Parse(TransactionJson.OccurredAt, System.Globalization.CultureInfo.InvariantCulture);

        var (request, errors) = TransactionValidator.Read(Parse(TransactionJson.With("t-1", "M-1", "occurredAt", $"\"{occurredAt}\"")), now);

        Assert.Equal(valid, request is not null);
        Assert.Equal(!valid, errors.ContainsKey("occurredAt"));
    }

    [Theory]
    [InlineData("mt-1", false)]
    [InlineData("swr-abc", false)]
    [InlineData("Xd-9", false)]
    [InlineData("mtx-1", true)]
    [InlineData("t-mt-1", true)]
    [InlineData("mt_1", true)]
    public void Read_IdWithAProviderPrefix_IsReserved(string id, bool valid)
    {
        var (request, errors) = TransactionValidator.Read(Parse(TransactionJson.Valid(id, "M-1").ToJsonString()));

        Assert.Equal(valid, request is not null);
        Assert.Equal(!valid, errors.ContainsKey("id"));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
