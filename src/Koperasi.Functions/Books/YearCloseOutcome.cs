using Koperasi.Functions.Api;

namespace Koperasi.Functions.Books;

/// <summary>How a year close went: the closing (<see cref="Created"/> when this call posted its entry) or the problem that refused it.</summary>
public sealed record YearCloseOutcome(YearClosing? Closing, ApiProblem? Problem, bool Created = false)
{
    public static YearCloseOutcome Refused(ApiProblem problem) => new(null, problem);
}
