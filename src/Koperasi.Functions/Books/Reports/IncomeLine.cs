namespace Koperasi.Functions.Books.Reports;

/// <summary>One income account over the period: the whole, and the part from members' business and from non-members' (docs/reports.md).</summary>
public sealed record IncomeLine(string Code, string Name, long Amount, long Member, long NonMember);
