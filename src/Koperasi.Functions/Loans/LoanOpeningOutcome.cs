namespace Koperasi.Functions.Loans;

/// <summary>What bringing in one running loan did: opened now, found opened as the file says (neither), or refused with a plain reason.</summary>
public sealed record LoanOpeningOutcome(bool Opened, string? Refusal)
{
    public static readonly LoanOpeningOutcome Unchanged = new(false, null);

    public static LoanOpeningOutcome Refused(string reason) => new(false, reason);
}
