using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Books;

/// <summary>
/// A posted entry of the cooperative's general journal as the API answers it: <c>kind</c> is <c>journal</c> (an
/// entry an admin made, or its reversal, which names what it <c>reverses</c>) or <c>year_close</c>; the business date
/// is the day it counts in (a date in a closed period moves to the first open day; <c>occurredAt</c> is kept).
/// </summary>
public sealed record PostedJournalEntry(
    string Id,
    string Kind,
    DateTimeOffset OccurredAt,
    string BusinessDate,
    string Description,
    IReadOnlyList<JournalLine> Lines,
    string? Reverses = null,
    string? ReversedBy = null)
{
    public long Total => Lines.Sum(l => l.Debit);
}
