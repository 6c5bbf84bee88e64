using Koperasi.Functions.Api;

namespace Koperasi.Functions.Books;

/// <summary>How a general-journal request went: the entry (<see cref="Created"/> when this call posted it) or the problem that refused it.</summary>
public sealed record JournalOutcome(PostedJournalEntry? Entry, ApiProblem? Problem, bool Created = false)
{
    public static JournalOutcome Refused(ApiProblem problem) => new(null, problem);
}
