using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Books;

/// <summary>
/// A member's SHU share as the ledger's posting applies it (pure): Dr shu_tahun_berjalan, Cr the member's
/// simpanan_sukarela (or the payable shu_bagian_anggota, as the policy names). Only the distribution sends it
/// (source <see cref="Source"/>); a member who has exited is refused before these rules (<c>member_exited</c>).
/// </summary>
public static class ShuRules
{
    public const string Source = "shu";

    public static RuleOutcome Apply(TransactionMessage m, PostingContext c)
    {
        if (m.Source != Source || m.Amount <= 0 || m.Account is not (TransactionKinds.SimpananSukarela or ChartOfAccounts.ShuBagianAnggota))
        {
            return RuleOutcome.Reject(new Rejection("invalid_posting", "An SHU share comes from the distribution, positive, to simpanan sukarela or shu_bagian_anggota."), c.Before);
        }
        if (!c.MemberKnown)
        {
            return RuleOutcome.Reject(Rejection.UnknownMember(m.MemberId), c.Before);
        }
        var after = m.Account == TransactionKinds.SimpananSukarela ? c.Before.Add(m.Account, m.Amount) : c.Before;
        return RuleOutcome.Post(m.Account, after, new JournalLine(ChartOfAccounts.ShuTahunBerjalan, m.Amount, 0), new JournalLine(m.Account, 0, m.Amount));
    }
}
