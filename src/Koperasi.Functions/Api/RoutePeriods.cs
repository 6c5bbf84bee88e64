using Koperasi.Functions.Statements;

namespace Koperasi.Functions.Api;

/// <summary>
/// Reads a <c>{period}</c> route value (<c>yyyy-MM</c>) as the statement and audit routes share it, so a malformed month
/// is the same 400 <c>invalid_period</c> on every route that takes one.
/// </summary>
public static class RoutePeriods
{
    public static StatementPeriod Read(string period) => StatementPeriod.TryParse(period, out var parsed)
        ? parsed
        : throw new ApiProblemException(ApiProblem.Validation("invalid_period", "The period is not valid.",
            new Dictionary<string, string[]> { ["period"] = ["must be a month like 2026-10"] }));
}
