namespace Koperasi.Functions.Statements;

/// <summary>A rendered statement ready to send; <see cref="StatementId"/> is the only id a provider sees.</summary>
public sealed record StatementEmail(
    string CooperativeId,
    string MemberId,
    string Period,
    string StatementId,
    string To,
    string ToName,
    string Subject,
    string Html,
    string Text);
