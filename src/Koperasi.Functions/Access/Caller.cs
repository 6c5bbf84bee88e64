namespace Koperasi.Functions.Access;

/// <summary>The authenticated caller of a request: one cooperative, one key, one role.</summary>
public sealed record Caller(string CooperativeId, string KeyId, Role Role)
{
    public bool May(Role required) => Role >= required;
}
