using System.Text.Json.Serialization;

namespace Koperasi.Functions.Transactions;

/// <summary>What intake did with one item: <c>queued</c>, <c>invalid</c> (with errors) or <c>conflict</c>.</summary>
public sealed record IntakeResult(string? Id, string Status, IReadOnlyDictionary<string, string[]>? Errors = null, [property: JsonIgnore] string? Code = null)
{
    public const string Queued = "queued";
    public const string Invalid = "invalid";
    public const string Conflict = "conflict";

    public static IntakeResult Accepted(string id) => new(id, Queued);

    public static IntakeResult Rejected(string? id, string code, IReadOnlyDictionary<string, string[]> errors) => new(id, Invalid, errors, code);

    public static IntakeResult Conflicting(string id) => new(id, Conflict,
        new Dictionary<string, string[]> { ["id"] = ["was already used for a transaction with other content"] }, "transaction_conflict");
}
