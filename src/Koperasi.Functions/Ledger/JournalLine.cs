using System.Text.Json.Serialization;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// One side of a journal: an account and a debit or a credit in whole rupiah; a general-journal line may name the
/// member whose business it was (<see cref="MemberId"/>, a tag for reports: it moves none of the member's accounts).
/// </summary>
public sealed record JournalLine(string Account, long Debit, long Credit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MemberId = null);
