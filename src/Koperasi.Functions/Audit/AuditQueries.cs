using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;

namespace Koperasi.Functions.Audit;

/// <summary>The audit reads as the API answers them: the trail's dates defaulted and bounded in the cooperative's zone, a month's root, a member's proof.</summary>
public sealed class AuditQueries(AuditTrail trail, MonthlyRoots roots, CooperativeStore cooperatives)
{
    private const int MaxFilterLength = 200;

    public async Task<ListPage<AuditEntry>> TrailAsync(
        string cooperativeId, DateOnly? from, DateOnly? to, string? actor, string? kind, Paging paging, CancellationToken cancellationToken = default)
    {
        var cooperative = (await cooperatives.FindAsync(cooperativeId, cancellationToken))!;
        var end = to ?? await cooperatives.TodayAsync(cooperativeId, cancellationToken);
        var start = from ?? end;
        var errors = new Dictionary<string, string[]>();
        if (start > end)
        {
            errors["from"] = ["must not be after 'to'"];
        }
        else if (end.DayNumber - start.DayNumber >= AuditTrail.MaxDays)
        {
            errors["to"] = [$"at most {AuditTrail.MaxDays} days after 'from'"];
        }
        foreach (var (name, value) in new[] { ("actor", actor), ("kind", kind) })
        {
            if (value is { Length: > MaxFilterLength } || value is not null && !value.All(c => c is >= ' ' and <= '~'))
            {
                errors[name] = [$"at most {MaxFilterLength} printable ASCII characters (a key id, a provider, 'timer', or a route such as 'POST /api/members')"];
            }
        }
        if (errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.Validation("invalid_query", "The query is not valid.", errors));
        }
        return await trail.ListAsync(cooperativeId, cooperative.Zone, start, end, actor, kind, paging, cancellationToken);
    }

    public async Task<MonthlyRoot> RootAsync(string cooperativeId, string period, CancellationToken cancellationToken = default) =>
        await roots.RootAsync(cooperativeId, RoutePeriods.Read(period).Key, cancellationToken)
            ?? throw new ApiProblemException(ApiProblem.NotFound("root_not_found", $"No statement run has recorded a member's head for {period} yet."));

    public async Task<MemberProof> ProofAsync(string cooperativeId, string memberId, string period, CancellationToken cancellationToken = default) =>
        await roots.ProofAsync(cooperativeId, memberId, RoutePeriods.Read(period).Key, cancellationToken)
            ?? throw new ApiProblemException(ApiProblem.NotFound("proof_not_found", $"Member '{memberId}' has no head in the root of {period} (no statement run has visited the member for it)."));
}
