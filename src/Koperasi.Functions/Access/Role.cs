namespace Koperasi.Functions.Access;

/// <summary>What an API key may do; each role includes the rights of the ones below it.</summary>
public enum Role
{
    Reader = 1,
    Teller = 2,
    Admin = 3,
}
