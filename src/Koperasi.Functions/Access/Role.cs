namespace Koperasi.Functions.Access;

/// <summary>
/// What an API key may do; each of reader, teller and admin includes the rights of the ones below it. A supervisor
/// (pengawas) reads everything an admin may read, the audit trail included, and changes nothing: <see cref="Api.ApiEndpoint"/>
/// refuses it every method but GET and HEAD before any role check.
/// </summary>
public enum Role
{
    Reader = 1,
    Teller = 2,
    Admin = 3,
    Supervisor = 4,
}
