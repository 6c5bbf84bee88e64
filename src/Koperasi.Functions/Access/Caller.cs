namespace Koperasi.Functions.Access;

/// <summary>The authenticated caller of a request: one cooperative, one key, one role.</summary>
public sealed record Caller(string CooperativeId, string KeyId, Role Role)
{
    /// <summary>Whether the role may do what <paramref name="required"/> may; a supervisor may read what any role reads, and changes are refused to it before this is asked.</summary>
    public bool May(Role required) => Role >= required;
}
