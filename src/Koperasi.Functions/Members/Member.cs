namespace Koperasi.Functions.Members;

/// <summary>A member (anggota); <see cref="Id"/> is the cooperative's own member number.</summary>
public sealed record Member(string Id, string Name, string? Email, string? Phone, DateTimeOffset? JoinedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public const string Active = "active";
    public const string Exited = "exited";

    /// <summary><c>active</c>, or <c>exited</c> once the member's exit is posted (the ledger refuses their postings from then on).</summary>
    public string Status { get; init; } = Active;

    /// <summary>The business date of the exit (yyyy-MM-dd), or null.</summary>
    public string? ExitedOn { get; init; }
}
