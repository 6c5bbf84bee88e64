namespace Koperasi.Functions.Members;

/// <summary>
/// What a member's exit does while the member still owes on a loan (the bylaws decide, DOMAIN.md): <see cref="Refuse"/>
/// (the default: the member repays first) or <see cref="Settle"/> (the payoff and any written-off principal left are
/// taken from the member's savings in the exit's own journal, and the rest is paid out).
/// </summary>
public enum ExitLoanPolicy
{
    Refuse,
    Settle,
}
