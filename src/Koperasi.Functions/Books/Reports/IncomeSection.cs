namespace Koperasi.Functions.Books.Reports;

/// <summary>The income of a period by account, with the members' and non-members' parts summed.</summary>
public sealed record IncomeSection(IReadOnlyList<IncomeLine> Lines, long Total, long Member, long NonMember)
{
    public static IncomeSection Of(IReadOnlyList<IncomeLine> lines) =>
        new(lines, lines.Sum(l => l.Amount), lines.Sum(l => l.Member), lines.Sum(l => l.NonMember));
}
