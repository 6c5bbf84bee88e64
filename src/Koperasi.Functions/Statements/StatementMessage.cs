namespace Koperasi.Functions.Statements;

/// <summary>The <c>statements</c> queue message: one member's statement for one period (opaque ids only).</summary>
public sealed record StatementMessage(string CooperativeId, string MemberId, string Period);
