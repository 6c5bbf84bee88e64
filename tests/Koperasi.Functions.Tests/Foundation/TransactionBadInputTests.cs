using System.Net;
using System.Text;
using Koperasi.Functions.Tests.Support;

namespace Koperasi.Functions.Tests.Foundation;

/// <summary>
/// Bad input to POST /api/transactions, as a table: each row gets a problem answer with a stable code and the offending
/// field, never a 500, and nothing reaches the real queue.
/// </summary>
[Collection(QueuelessCollection.Name)]
public sealed class TransactionBadInputTests(QueuelessApiFixture fixture)
{
    private const string Member = "M-1";
    private const string Id = "t-1";
    private const long OneMiB = 1024 * 1024;

    private static readonly Dictionary<string, BadInputCase> Cases = new()
    {
        ["malformed json"] = Raw("{\"id\": \"t-1\", \"amount\": }", HttpStatusCode.BadRequest, "malformed_json"),
        ["truncated json"] = new(m => Utf8(TransactionJson.With(Id, m, "reference", null)[..^12]), HttpStatusCode.BadRequest, "malformed_json"),
        ["empty body"] = Raw("", HttpStatusCode.BadRequest, "malformed_json"),
        ["form body"] = Raw("id=t-1&amount=25000", HttpStatusCode.BadRequest, "malformed_json"),
        ["invalid utf-8"] = new(m => [.. Utf8("{\"id\": \""), 0xC3, 0x28, .. Utf8("\"}")], HttpStatusCode.BadRequest, "malformed_json"),
        ["nesting too deep"] = Field("description", new string('[', 40) + new string(']', 40), "malformed_json"),
        ["json string body"] = Raw("\"t-1\"", HttpStatusCode.BadRequest, "invalid_transaction", "$"),
        ["json null body"] = Raw("null", HttpStatusCode.BadRequest, "invalid_transaction", "$"),
        ["id is a number"] = Field("id", "42"),
        ["kind is a boolean"] = Field("kind", "true"),
        ["memberId is an object"] = Field("memberId", "{}"),
        ["amount is an array"] = Field("amount", "[25000]"),
        ["amount is a boolean"] = Field("amount", "true"),
        ["occurredAt is a number"] = Field("occurredAt", "1793410200"),
        ["amount as a string"] = Field("amount", "\"25000\""),
        ["amount with a fraction"] = Field("amount", "25000.5"),
        ["amount with a zero fraction"] = Field("amount", "25000.0"),
        ["amount with an exponent"] = Field("amount", "2.5e4"),
        ["amount negative"] = Field("amount", "-25000"),
        ["amount zero"] = Field("amount", "0"),
        ["amount just over the maximum"] = Field("amount", "1000000000001"),
        ["amount overflow 10^13"] = Field("amount", "10000000000000"),
        ["amount overflow past long"] = Field("amount", "99999999999999999999"),
        ["amount null"] = Field("amount", "null"),
        ["missing id"] = Field("id", null),
        ["missing memberId"] = Field("memberId", null),
        ["missing kind"] = Field("kind", null),
        ["missing account"] = Field("account", null),
        ["missing amount"] = Field("amount", null),
        ["missing occurredAt"] = Field("occurredAt", null),
        ["unknown field"] = new(m => Utf8(TransactionJson.Valid(Id, m).ToJsonString()[..^1] + ",\"amout\":1}"), HttpStatusCode.BadRequest, "invalid_transaction", "amout"),
        ["unknown kind"] = Field("kind", "\"transfer\""),
        ["kind in capitals"] = Field("kind", "\"Deposit\""),
        ["kind reversal is internal"] = Field("kind", "\"reversal\""),
        ["unknown account"] = Field("account", "\"simpanan_lain\""),
        ["unknown member"] = new(_ => Utf8(TransactionJson.Valid(Id, "M-404").ToJsonString()), HttpStatusCode.UnprocessableEntity, "unknown_member", "memberId"),
        ["memberId with a space"] = Field("memberId", "\"M 1\""),
        ["id with a quote"] = Field("id", "\"t\\\"1\""),
        ["id with a space"] = Field("id", "\"t 1\""),
        ["id with a slash"] = Field("id", "\"t/1\""),
        ["id with a letter outside ASCII"] = Field("id", "\"t\u00e9-1\""),
        ["id empty"] = Field("id", "\"\""),
        ["id of 65 characters"] = Field("id", $"\"{new string('a', 65)}\""),
        ["id with a lone surrogate"] = new(m => Utf8(TransactionJson.With(Id, m, "id", "\"SURROGATE\"").Replace("SURROGATE", "t-\\ud800", StringComparison.Ordinal)),
            HttpStatusCode.BadRequest, "malformed_json"),
        ["field name with a lone surrogate"] = Raw("{\"\\udc00\": 1}", HttpStatusCode.BadRequest, "malformed_json"),
        ["reference of 129 characters"] = Field("reference", $"\"{new string('r', 129)}\""),
        ["description of 501 characters"] = Field("description", $"\"{new string('d', 501)}\""),
        ["occurredAt without offset"] = Field("occurredAt", "\"2026-10-31T09:30:00\""),
        ["occurredAt date only"] = Field("occurredAt", "\"2026-10-31\""),
        ["occurredAt local format"] = Field("occurredAt", "\"31/10/2026 09:30\""),
        ["occurredAt not a date"] = Field("occurredAt", "\"2026-02-30T09:30:00+08:00\""),
        ["occurredAt a year typed wrong (2062)"] = Field("occurredAt", "\"2062-10-31T09:30:00+08:00\""),
        ["occurredAt two days ahead"] = Field("occurredAt", $"\"{DateTimeOffset.UtcNow.AddDays(2):yyyy-MM-dd'T'HH:mm:ss'Z'}\""),
        ["id reserved for Midtrans payments"] = Field("id", "\"mt-0123456789abcdef\""),
        ["id reserved for Xendit refunds"] = Field("id", "\"xdr-0123\""),
        ["id reserved for Standard Webhooks, upper case"] = Field("id", "\"SW-0123\""),
        ["body over 1 MiB"] = new(m => PaddedBatch(m), HttpStatusCode.RequestEntityTooLarge, "payload_too_large"),
        ["body over 1 MiB, chunked"] = new(m => PaddedBatch(m), HttpStatusCode.RequestEntityTooLarge, "payload_too_large", Chunked: true),
        ["batch of 501"] = new(m => Utf8(TransactionJson.Batch(Enumerable.Range(0, 501).Select(i => TransactionJson.Valid($"t-{i}", m)))),
            HttpStatusCode.BadRequest, "batch_too_large"),
        ["duplicate ids in a batch"] = new(m => Utf8(TransactionJson.Batch([TransactionJson.Valid("t-1", m), TransactionJson.Valid("t-2", m), TransactionJson.Valid("t-1", m)])),
            HttpStatusCode.BadRequest, "duplicate_id", "[2].id"),
        ["empty batch"] = Raw("[]", HttpStatusCode.BadRequest, "empty_batch"),
        ["loan repayment without loanId"] = Repayment(r => r.Remove("loanId"), "loanId"),
        ["loan repayment with a savings account"] = Repayment(r => r["account"] = "simpanan_sukarela", "account"),
        ["loan repayment with a loanId of a space"] = Repayment(r => r["loanId"] = "L 1", "loanId"),
        ["loan repayment with a loanId of 65 characters"] = Repayment(r => r["loanId"] = new string('L', 65), "loanId"),
        ["loan repayment with a number for loanId"] = Repayment(r => r["loanId"] = 7, "loanId"),
        ["deposit naming a loan"] = new(m => Utf8(TransactionJson.With(Id, m, "loanId", "\"L-1\"")), HttpStatusCode.BadRequest, "invalid_transaction", "loanId"),
        ["kind loan_disbursement is internal"] = Field("kind", "\"loan_disbursement\""),
        ["kind loan_write_off is internal"] = Field("kind", "\"loan_write_off\""),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task PostTransactions_BadInput_AnswersProblemAndQueuesNothing(string name)
    {
        var row = Cases[name];
        var coop = await fixture.NewCooperativeAsync();
        await coop.AddMemberAsync(Member);
        await fixture.Queue.DrainAsync();

        var response = await coop.Admin.PostAsync("/api/transactions", TransactionJson.Content(row.Body(Member), row.Chunked));

        await (row.Field is null ? Problem.AssertAsync(response, row.Status, row.Code) : Problem.AssertFieldAsync(response, row.Status, row.Code, row.Field));
        var queued = await fixture.Queue.DrainAsync();
        Assert.True(queued.Count == 0, $"a refused request queued: {TransactionQueueReader.Describe(queued)}");
    }

    private static BadInputCase Field(string field, string? json, string code = "invalid_transaction") =>
        new(m => Utf8(TransactionJson.With(Id, m, field, json)), HttpStatusCode.BadRequest, code, code == "invalid_transaction" ? field : null);

    /// <summary>A valid loan repayment changed by <paramref name="change"/>: only that field is wrong.</summary>
    private static BadInputCase Repayment(Action<System.Text.Json.Nodes.JsonObject> change, string field) => new(m =>
    {
        var body = TransactionJson.Valid(Id, m);
        body.Remove("account");
        body["kind"] = "loan_repayment";
        body["loanId"] = "L-1";
        change(body);
        return Utf8(body.ToJsonString());
    }, HttpStatusCode.BadRequest, "invalid_transaction", field);

    private static BadInputCase Raw(string body, HttpStatusCode status, string code, string? field = null) => new(_ => Utf8(body), status, code, field);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Valid transactions padded with whitespace past 1 MiB: only the size is wrong, so a missed limit would queue them.</summary>
    private static byte[] PaddedBatch(string memberId)
    {
        var items = TransactionJson.Batch(Enumerable.Range(0, 3).Select(i => TransactionJson.Valid($"big-{i}", memberId)));
        return Utf8(items[..^1] + new string(' ', (int)OneMiB) + "]");
    }
}
