namespace Koperasi.Functions.Loans;

/// <summary>How a loan's jasa is computed (DOMAIN.md "Loans"): the API spells them <c>flat</c>, <c>annuity</c>, <c>declining</c>.</summary>
public enum InterestMethod
{
    /// <summary>Bunga flat: P·r every month on the original principal.</summary>
    Flat,

    /// <summary>Anuitas: equal installments PMT = P·r / (1 − (1+r)^−n); jasa on the principal still owed.</summary>
    Annuity,

    /// <summary>Menurun: equal principal P/n plus jasa on the principal still owed.</summary>
    Declining,
}
