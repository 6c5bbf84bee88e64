using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// The savings rules (DOMAIN.md): pokok once and for exactly the cooperative's amount, wajib positive, pokok and
/// wajib not withdrawable while a member, sukarela never below zero; a reversal takes back at most what its
/// posting brought in. Pure: no storage, so every rule is tested without a host.
/// </summary>
public static class SavingsRules
{
    public static RuleOutcome Apply(TransactionMessage m, Cooperative cooperative, MemberBalances before, bool pokokPaid, ReversedPosting? reversed)
    {
        if (m.Amount <= 0 || !TransactionKinds.SavingsAccounts.Contains(m.Account) || !ChartOfAccounts.TryContraAccountFor(m.Source, out var contra))
        {
            return RuleOutcome.Reject(new Rejection("invalid_posting", "The posting request is not valid (amount, account or source)."), before);
        }
        return m.Kind switch
        {
            TransactionKinds.Deposit => Deposit(m, cooperative, before, pokokPaid, contra),
            TransactionKinds.Withdrawal => Withdrawal(m, before, contra),
            TransactionKinds.Reversal => Reversal(m, before, reversed, contra),
            _ => RuleOutcome.Reject(new Rejection("invalid_posting", $"Unknown kind '{m.Kind}'."), before),
        };
    }

    private static RuleOutcome Deposit(TransactionMessage m, Cooperative cooperative, MemberBalances before, bool pokokPaid, string contra)
    {
        if (m.Account == TransactionKinds.SimpananPokok)
        {
            if (pokokPaid)
            {
                return RuleOutcome.Reject(new Rejection("pokok_already_paid", "Simpanan pokok is paid once; this member has already paid it."), before);
            }
            if (m.Amount != cooperative.SimpananPokokAmount)
            {
                return RuleOutcome.Reject(new Rejection("pokok_amount_mismatch",
                    $"Simpanan pokok must be exactly {Rupiah.Format(cooperative.SimpananPokokAmount)}; this deposit is {Rupiah.Format(m.Amount)}."), before);
            }
        }
        return RuleOutcome.Post(before.Add(m.Account, m.Amount), new JournalLine(contra, m.Amount, 0), new JournalLine(m.Account, 0, m.Amount));
    }

    private static RuleOutcome Withdrawal(TransactionMessage m, MemberBalances before, string contra)
    {
        if (m.Account != TransactionKinds.SimpananSukarela)
        {
            return RuleOutcome.Reject(new Rejection("not_withdrawable",
                "Simpanan pokok and simpanan wajib cannot be withdrawn while the person is a member."), before);
        }
        if (m.Amount > before.Sukarela)
        {
            return RuleOutcome.Reject(new Rejection("insufficient_balance",
                $"The simpanan sukarela balance is {Rupiah.Format(before.Sukarela)}; {Rupiah.Format(m.Amount)} cannot be withdrawn."), before);
        }
        return RuleOutcome.Post(before.Add(m.Account, -m.Amount), new JournalLine(m.Account, m.Amount, 0), new JournalLine(contra, 0, m.Amount));
    }

    private static RuleOutcome Reversal(TransactionMessage m, MemberBalances before, ReversedPosting? reversed, string contra)
    {
        if (reversed is null || reversed.Kind != TransactionKinds.Deposit || reversed.Account != m.Account)
        {
            return RuleOutcome.Reject(new Rejection("reversed_posting_not_found",
                $"There is no posted deposit '{m.Reverses}' to {m.Account} for this member to reverse."), before);
        }
        if (m.Amount > reversed.Amount - reversed.AlreadyReversed)
        {
            return RuleOutcome.Reject(new Rejection("reversal_exceeds_original",
                $"Only {Rupiah.Format(reversed.Amount - reversed.AlreadyReversed)} of '{reversed.Id}' is left to reverse."), before);
        }
        if (m.Amount > before.Of(m.Account))
        {
            return RuleOutcome.Reject(new Rejection("insufficient_balance",
                $"The {m.Account} balance is {Rupiah.Format(before.Of(m.Account))}; a reversal of {Rupiah.Format(m.Amount)} would make it negative."), before);
        }
        return RuleOutcome.Post(before.Add(m.Account, -m.Amount), new JournalLine(m.Account, m.Amount, 0), new JournalLine(contra, 0, m.Amount));
    }
}
