using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Books;

/// <summary>
/// An entry to post to the cooperative's general journal: its id (the idempotency key), when it happened, what it is,
/// and its lines. <see cref="Kind"/> is <c>journal</c> for an admin's entry; the year close posts <c>year_close</c>.
/// </summary>
public sealed record GeneralJournalEntry(string Id, DateTimeOffset OccurredAt, string Description, IReadOnlyList<JournalLine> Lines, string Kind = TransactionKinds.Journal);
