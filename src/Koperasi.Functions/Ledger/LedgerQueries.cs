using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Members;

namespace Koperasi.Functions.Ledger;

/// <summary>The ledger reads as the API answers them: members checked to be the caller's, dates defaulted in the cooperative's zone.</summary>
public sealed class LedgerQueries(LedgerReader reader, LedgerAudit audit, CooperativeStore cooperatives, MemberStore members)
{
    public async Task<object> BalancesAsync(string cooperativeId, string memberId, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        await RequireMemberAsync(cooperativeId, memberId, cancellationToken);
        var today = await cooperatives.TodayAsync(cooperativeId, cancellationToken);
        var date = asOf ?? today;
        var balances = date >= today
            ? await reader.CurrentBalancesAsync(cooperativeId, memberId, cancellationToken)
            : await reader.BalancesAsOfAsync(cooperativeId, memberId, date, cancellationToken);
        return new { MemberId = memberId, AsOf = LedgerKeys.Date(date), Balances = balances.ToMap() };
    }

    public async Task<MemberLedger> MemberLedgerAsync(string cooperativeId, string memberId, DateOnly? from, DateOnly? to, Paging paging, CancellationToken cancellationToken = default)
    {
        await RequireMemberAsync(cooperativeId, memberId, cancellationToken);
        var end = to ?? await cooperatives.TodayAsync(cooperativeId, cancellationToken);
        var start = from ?? new DateOnly(end.Year, end.Month, 1);
        if (start > end)
        {
            throw new ApiProblemException(ApiProblem.Validation("invalid_query", "The query is not valid.",
                new Dictionary<string, string[]> { ["from"] = ["must not be after 'to'"] }));
        }
        return await reader.MemberLedgerAsync(cooperativeId, memberId, start, end, paging, cancellationToken);
    }

    public async Task<TrialBalance> TrialBalanceAsync(string cooperativeId, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        await reader.TrialBalanceAsync(cooperativeId, asOf ?? await cooperatives.TodayAsync(cooperativeId, cancellationToken), cancellationToken);

    public Task<LedgerAuditReport> AuditAsync(string cooperativeId, CancellationToken cancellationToken = default) =>
        audit.RunAsync(cooperativeId, cancellationToken);

    private async Task RequireMemberAsync(string cooperativeId, string memberId, CancellationToken cancellationToken)
    {
        if (!await members.ExistsAsync(cooperativeId, memberId, cancellationToken))
        {
            throw new ApiProblemException(MembersFunctions.MemberNotFound(memberId));
        }
    }
}
