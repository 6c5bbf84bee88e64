using System.Text.Json.Serialization;

namespace Koperasi.Functions.Loans;

/// <summary>One installment (angsuran) of a schedule as stored: what is due, every payment made toward it, and denda waived on it.</summary>
public sealed record LoanInstallment(int Number, DateOnly DueDate, long Principal, long Interest, IReadOnlyList<InstallmentPayment> Payments)
{
    /// <summary>Denda waived on this installment (absent in rows written before waivers existed).</summary>
    public IReadOnlyList<PenaltyWaiver> Waivers { get; init; } = [];

    [JsonIgnore]
    public long WaivedPenalty => Waivers.Sum(w => w.Amount);

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
    public LoanInstallment AsOf(DateOnly date) => Payments.All(p => p.Date <= date) && Waivers.All(w => w.Date <= date)
        ? this
        : this with { Payments = Payments.Where(p => p.Date <= date).ToList(), Waivers = Waivers.Where(w => w.Date <= date).ToList() };
}
