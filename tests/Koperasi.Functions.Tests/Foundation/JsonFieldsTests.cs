using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Tests.Foundation;

public sealed class JsonFieldsTests
{
    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Constructor_NotAnObject_ErrsOnDollar(string json)
    {
        var fields = new JsonFields(Parse(json), "a");

        Assert.Equal(["$"], fields.Errors.Keys);
    }

    [Fact]
    public void Constructor_UnknownField_ErrsOnThatField()
    {
        var fields = new JsonFields(Parse("{\"a\": 1, \"b\": 2}"), "a");

        Assert.Equal(["b"], fields.Errors.Keys);
    }

    [Fact]
    public void Constructor_FieldNamesDifferingInCase_AreUnknown()
    {
        var fields = new JsonFields(Parse("{\"Amount\": 1}"), "amount");

        Assert.True(fields.Errors.ContainsKey("Amount"));
    }

    [Theory]
    [InlineData("{}", "is required")]
    [InlineData("{\"s\": null}", "is required")]
    [InlineData("{\"s\": 1}", "must be a string")]
    [InlineData("{\"s\": \"\"}", "must not be empty")]
    [InlineData("{\"s\": \"abcdef\"}", "must be at most 5 characters")]
    [InlineData("{\"s\": \"ab c\"}", "bad")]
    public void String_Required_ErrsWith(string json, string message)
    {
        var fields = new JsonFields(Parse(json), "s");

        var value = fields.String("s", required: true, maxLength: 5, new Regex("^[a-z]+$"), "bad");

        Assert.Null(value);
        Assert.Equal([message], fields.Errors["s"]);
    }

    [Fact]
    public void String_OptionalAndAbsent_IsNullWithoutError()
    {
        var fields = new JsonFields(Parse("{}"), "s");

        Assert.Null(fields.String("s", required: false, maxLength: 5));
        Assert.True(fields.IsValid);
    }

    [Fact]
    public void String_Valid_IsTheText()
    {
        var fields = new JsonFields(Parse("{\"s\": \"Ñoño\"}"), "s");

        Assert.Equal("Ñoño", fields.String("s", required: true, maxLength: 5));
    }

    [Theory]
    [InlineData("\"c\"")]
    [InlineData("\"A\"")]
    [InlineData("\"a \"")]
    public void OneOf_NotAllowed_Errs(string json)
    {
        var fields = new JsonFields(Parse($"{{\"k\": {json}}}"), "k");

        Assert.Null(fields.OneOf("k", required: true, ["a", "b"]));
        Assert.Equal(["must be one of: a, b"], fields.Errors["k"]);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("1000000000000", 1_000_000_000_000)]
    [InlineData("25000", 25_000)]
    public void Rupiah_WholeNumberInRange_IsTheAmount(string json, long expected)
    {
        var fields = new JsonFields(Parse($"{{\"n\": {json}}}"), "n");

        Assert.Equal(expected, fields.Rupiah("n", required: true, min: 1, max: 1_000_000_000_000));
    }

    [Theory]
    [InlineData("\"25000\"")]
    [InlineData("true")]
    [InlineData("[1]")]
    [InlineData("1.5")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("-1")]
    [InlineData("-0")]
    [InlineData("0")]
    [InlineData("1000000000001")]
    [InlineData("9223372036854775808")]
    [InlineData("99999999999999999999")]
    public void Rupiah_NotAWholeNumberInRange_Errs(string json)
    {
        var fields = new JsonFields(Parse($"{{\"n\": {json}}}"), "n");

        Assert.Null(fields.Rupiah("n", required: true, min: 1, max: 1_000_000_000_000));
        Assert.True(fields.Errors.ContainsKey("n"));
    }

    [Theory]
    [InlineData("2026-10-31T09:30:00+08:00")]
    [InlineData("2026-10-31T01:30:00Z")]
    [InlineData("2026-10-31T01:30Z")]
    [InlineData("2026-10-31T01:30:00.1234567-05:00")]
    public void Instant_WithOffset_IsTheInstant(string text)
    {
        var fields = new JsonFields(Parse($"{{\"t\": \"{text}\"}}"), "t");

        Assert.Equal(DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture), fields.Instant("t", required: true));
    }

    [Theory]
    [InlineData("2026-10-31T09:30:00")]
    [InlineData("2026-10-31")]
    [InlineData("2026-10-31 09:30:00+08:00")]
    [InlineData("31/10/2026 09:30")]
    [InlineData("2026-02-30T09:30:00+08:00")]
    [InlineData("2026-10-31T09:30:00+0800")]
    [InlineData("2026-10-31T09:30:00+15:00")]
    public void Instant_WithoutOffsetOrInvalid_Errs(string text)
    {
        var fields = new JsonFields(Parse($"{{\"t\": \"{text}\"}}"), "t");

        Assert.Null(fields.Instant("t", required: true));
        Assert.True(fields.Errors.ContainsKey("t"));
    }

    [Fact]
    public void TimeZone_Absent_IsTheFallback()
    {
        var fields = new JsonFields(Parse("{}"), "z");

        Assert.Equal("Asia/Makassar", fields.TimeZone("z", required: false, "Asia/Makassar"));
    }

    [Fact]
    public void TimeZone_Unknown_Errs()
    {
        var fields = new JsonFields(Parse("{\"z\": \"Bali/Denpasar\"}"), "z");

        Assert.Null(fields.TimeZone("z", required: false, "Asia/Makassar"));
        Assert.True(fields.Errors.ContainsKey("z"));
    }

    [Fact]
    public void ThrowIfInvalid_WithErrors_ThrowsA400ProblemWithEveryError()
    {
        var fields = new JsonFields(Parse("{\"x\": 1}"), "a");
        fields.String("a", required: true, maxLength: 5);

        var e = Assert.Throws<ApiProblemException>(() => fields.ThrowIfInvalid());

        Assert.Equal(400, e.Problem.Status);
        Assert.Equal("validation_failed", e.Problem.Code);
        Assert.Equal(["a", "x"], e.Problem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{\"n\": 0}", 0)]
    [InlineData("{\"n\": 120}", 120)]
    public void Integer_WholeNumberInRange_IsTheNumber(string json, int expected)
    {
        var fields = new JsonFields(Parse(json), "n");

        Assert.Equal(expected, fields.Integer("n", required: true, min: 0, max: 120));
        Assert.True(fields.IsValid);
    }

    [Theory]
    [InlineData("{\"n\": 121}", "must be between 0 and 120")]
    [InlineData("{\"n\": -1}", "must be between 0 and 120")]
    [InlineData("{\"n\": 1.5}", "must be a whole number (no fraction or exponent)")]
    [InlineData("{\"n\": 1e2}", "must be a whole number (no fraction or exponent)")]
    [InlineData("{\"n\": \"12\"}", "must be a JSON number (an integer), not a string")]
    [InlineData("{\"n\": 99999999999999999999}", "must be between 0 and 120")]
    public void Integer_NotAWholeNumberInRange_ErrsWith(string json, string message)
    {
        var fields = new JsonFields(Parse(json), "n");

        Assert.Null(fields.Integer("n", required: true, min: 0, max: 120));
        Assert.Equal([message], fields.Errors["n"]);
    }

    [Theory]
    [InlineData("{\"d\": \"2026-02-29\"}")]
    [InlineData("{\"d\": \"2026-2-1\"}")]
    [InlineData("{\"d\": \"2026-12-01T00:00:00Z\"}")]
    [InlineData("{\"d\": 20261201}")]
    public void Date_NotACalendarDate_Errs(string json)
    {
        var fields = new JsonFields(Parse(json), "d");

        Assert.Null(fields.Date("d", required: true));
        Assert.False(fields.IsValid);
    }

    [Fact]
    public void Date_CalendarDate_IsTheDate()
    {
        var fields = new JsonFields(Parse("{\"d\": \"2028-02-29\"}"), "d");

        Assert.Equal(new DateOnly(2028, 2, 29), fields.Date("d", required: true));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
