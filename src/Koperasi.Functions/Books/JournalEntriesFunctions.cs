using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Books;

public sealed class JournalEntriesFunctions(ApiEndpoint endpoint, GeneralJournal journal, TimeProvider time)
{
    [Function(nameof(PostJournalEntry))]
    public Task<IActionResult> PostJournalEntry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/journal-entries")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            Answer(await journal.PostAsync(caller.CooperativeId, JournalEntryRequest.Read(await RequestBody.ReadObjectAsync(request, cancellationToken), time.GetUtcNow()), cancellationToken)));

    [Function(nameof(ReverseJournalEntry))]
    public Task<IActionResult> ReverseJournalEntry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/journal-entries/{id}/reverse")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Admin, async caller =>
            Answer(await journal.ReverseAsync(caller.CooperativeId, id, await JournalReversalRequest.ReadAsync(request, time.GetUtcNow(), cancellationToken), cancellationToken)));

    [Function(nameof(GetJournalEntry))]
    public Task<IActionResult> GetJournalEntry(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/journal-entries/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            await journal.FindAsync(caller.CooperativeId, id, cancellationToken) is { } entry ? ApiResults.Json(entry) : ApiResults.Problem(GeneralJournal.NotFound(id)));

    [Function(nameof(ListJournalEntries))]
    public Task<IActionResult> ListJournalEntries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/journal-entries")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await journal.ListAsync(caller.CooperativeId, QueryDates.Read(request, "from"), QueryDates.Read(request, "to"), Paging.From(request), cancellationToken)));

    private static IActionResult Answer(JournalOutcome outcome) => outcome switch
    {
        { Problem: { } problem } => ApiResults.Problem(problem),
        { Entry: { } entry, Created: true } => ApiResults.Created(entry, $"/api/journal-entries/{Uri.EscapeDataString(entry.Id)}"),
        { Entry: { } entry } => ApiResults.Json(entry),
        _ => throw new InvalidOperationException("A journal outcome carries an entry or a problem."),
    };
}
