using System.Text.Json.Serialization;

namespace Koperasi.Functions.Loans;

/// <summary>One installment (angsuran) of a schedule as stored: what is due, and every payment made toward it.</summary>
public sealed record LoanInstallment(int Number, DateOnly DueDate, long Principal, long Interest, IReadOnlyList<InstallmentPayment> Payments)
{
    [JsonIgnore]
    public long Total => Principal + Interest;

    [JsonIgnore]
    public long PaidPrincipal => Payments.Sum(p => p.Principal);

    [JsonIgnore]
    public long PaidInterest => Payments.Sum(p => p.Interest);

    [JsonIgnore]
    public long PaidPenalty => Payments.Sum(p => p.Penalty);

    /// <summary>Pokok and jasa not yet paid (denda is not part of it: no denda on denda).</summary>
    [JsonIgnore]
    public long Unpaid => Total - PaidPrincipal - PaidInterest;

    /// <summary>This installment as it stood at the end of <paramref name="date"/>: payments dated after it left out.</summary>
    public LoanInstallment AsOf(DateOnly date) =>
        Payments.All(p => p.Date <= date) ? this : this with { Payments = Payments.Where(p => p.Date <= date).ToList() };
}
