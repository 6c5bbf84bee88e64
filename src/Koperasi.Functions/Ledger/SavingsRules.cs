using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Ledger;

/// <summary>
/// The savings rules (DOMAIN.md): pokok once and for exactly the cooperative's amount, wajib positive, pokok and
/// wajib not withdrawable while a member, no savings balance ever below zero at any point of the statement's order;
/// a reversal takes back at most what its posting brought in. Rules decide where provider money goes, never whether
/// it is booked (DESIGN.md): a provider deposit a rule refuses lands in sukarela, one for no known member in
/// <c>dana_titipan</c>, and a refund takes what it can and books the rest to <c>piutang_selisih_refund</c>, each
/// with an <see cref="Adjustment"/>. Pure: no storage, so every rule is tested without a host.
/// </summary>
public static class SavingsRules
{
    private static readonly Rejection PokokAlreadyPaid = new("pokok_already_paid", "Simpanan pokok is paid once; this member has already paid it.");

    public static RuleOutcome Apply(TransactionMessage m, Cooperative cooperative, MemberBalances before, bool pokokPaid, ReversedPosting? reversed) =>
        Apply(m, cooperative, PostingContext.Current(before, pokokPaid, reversed));

    public static RuleOutcome Apply(TransactionMessage m, Cooperative cooperative, PostingContext c)
    {
        var before = c.Before;
        if (m.Kind == TransactionKinds.OpeningBalance)
        {
            return OpeningBalance(m, c);
        }
        if (m.Amount <= 0 || !TransactionKinds.SavingsAccounts.Contains(m.Account) || !ChartOfAccounts.TryContraAccountFor(m.Source, out var contra))
        {
            return RuleOutcome.Reject(new Rejection("invalid_posting", "The posting request is not valid (amount, account or source)."), before);
        }
        var fromProvider = m.Source != TransactionMessage.ApiSource;
        if (fromProvider && m.Kind is not (TransactionKinds.Deposit or TransactionKinds.Reversal))
        {
            return RuleOutcome.Reject(new Rejection("invalid_posting", $"A provider cannot send a {m.Kind}."), before);
        }
        if (!c.MemberKnown)
        {
            return fromProvider ? Suspense(m, before, contra) : RuleOutcome.Reject(Rejection.UnknownMember(m.MemberId), before);
        }
        return m.Kind switch
        {
            TransactionKinds.Deposit => Deposit(m, cooperative, c, contra, fromProvider),
            TransactionKinds.Withdrawal => Withdrawal(m, c, contra),
            TransactionKinds.Reversal => fromProvider ? ProviderReversal(m, c, contra) : Reversal(m, c, contra),
            _ => RuleOutcome.Reject(new Rejection("invalid_posting", $"Unknown kind '{m.Kind}'."), before),
        };
    }

    private static RuleOutcome Deposit(TransactionMessage m, Cooperative cooperative, PostingContext c, string contra, bool fromProvider)
    {
        var refusal = PokokRefusal(m, cooperative, c.PokokPaid);
        if (refusal is null)
        {
            return RuleOutcome.Post(m.Account, c.Before.Add(m.Account, m.Amount), new JournalLine(contra, m.Amount, 0), new JournalLine(m.Account, 0, m.Amount));
        }
        if (!fromProvider)
        {
            return RuleOutcome.Reject(refusal, c.Before);
        }
        const string sukarela = TransactionKinds.SimpananSukarela;
        return RuleOutcome.Post(sukarela, c.Before.Add(sukarela, m.Amount), new JournalLine(contra, m.Amount, 0), new JournalLine(sukarela, 0, m.Amount)) with
        {
            Adjustment = new Adjustment("redirected_to_sukarela",
                $"{refusal.Message} The provider settled this money, so {Rupiah.Format(m.Amount)} is booked to simpanan sukarela instead ({refusal.Code})."),
        };
    }

    /// <summary>
    /// A member's savings balances brought in from the books kept before (a spreadsheet import, source <c>import</c>
    /// only): one journal, Dr <c>ekuitas_saldo_awal</c> the total, Cr each savings account its amount
    /// (<see cref="TransactionMessage.Parts"/>; a message without parts is one account, as imports before one journal
    /// per member posted them). Pokok keeps its one rule that still holds (once per member); its amount is history, so
    /// it need not be today's amount.
    /// </summary>
    private static RuleOutcome OpeningBalance(TransactionMessage m, PostingContext c)
    {
        var parts = m.Parts ?? new Dictionary<string, long> { [m.Account] = m.Amount };
        if (m.Source != TransactionMessage.ImportSource || m.Amount <= 0 || parts.Count == 0 || parts.Values.Sum() != m.Amount ||
            parts.Any(p => p.Value <= 0 || !TransactionKinds.SavingsAccounts.Contains(p.Key)) || !parts.ContainsKey(m.Account))
        {
            return RuleOutcome.Reject(new Rejection("invalid_posting", "An opening balance comes from an import, for savings accounts, with positive amounts."), c.Before);
        }
        if (!c.MemberKnown)
        {
            return RuleOutcome.Reject(Rejection.UnknownMember(m.MemberId), c.Before);
        }
        if (parts.ContainsKey(TransactionKinds.SimpananPokok) && c.PokokPaid)
        {
            return RuleOutcome.Reject(PokokAlreadyPaid, c.Before);
        }
        var accounts = TransactionKinds.SavingsAccounts.Where(parts.ContainsKey).ToList();
        var after = accounts.Aggregate(c.Before, (b, a) => b.Add(a, parts[a]));
        return RuleOutcome.Post(m.Account, after,
            [new JournalLine(ChartOfAccounts.EkuitasSaldoAwal, m.Amount, 0), .. accounts.Select(a => new JournalLine(a, 0, parts[a]))]);
    }

    private static Rejection? PokokRefusal(TransactionMessage m, Cooperative cooperative, bool pokokPaid)
    {
        if (m.Account != TransactionKinds.SimpananPokok)
        {
            return null;
        }
        if (pokokPaid)
        {
            return PokokAlreadyPaid;
        }
        return m.Amount != cooperative.SimpananPokokAmount
            ? new Rejection("pokok_amount_mismatch",
                $"Simpanan pokok must be exactly {Rupiah.Format(cooperative.SimpananPokokAmount)}; this deposit is {Rupiah.Format(m.Amount)}.")
            : null;
    }

    private static RuleOutcome Withdrawal(TransactionMessage m, PostingContext c, string contra)
    {
        if (m.Account != TransactionKinds.SimpananSukarela)
        {
            return RuleOutcome.Reject(new Rejection("not_withdrawable",
                "Simpanan pokok and simpanan wajib cannot be withdrawn while the person is a member."), c.Before);
        }
        if (InsufficientFor(m.Account, m.Amount, c, "withdrawn") is { } rejection)
        {
            return RuleOutcome.Reject(rejection, c.Before);
        }
        return RuleOutcome.Post(m.Account, c.Before.Add(m.Account, -m.Amount), new JournalLine(m.Account, m.Amount, 0), new JournalLine(contra, 0, m.Amount));
    }

    /// <summary>A correction the system makes (not a provider's refund): all or nothing, as asked.</summary>
    private static RuleOutcome Reversal(TransactionMessage m, PostingContext c, string contra)
    {
        var reversed = c.Reversed;
        if (reversed is null || reversed.Kind != TransactionKinds.Deposit || reversed.Account != m.Account)
        {
            return RuleOutcome.Reject(new Rejection("reversed_posting_not_found",
                $"There is no posted deposit '{m.Reverses}' to {m.Account} for this member to reverse."), c.Before);
        }
        if (m.Amount > reversed.Left)
        {
            return RuleOutcome.Reject(new Rejection("reversal_exceeds_original",
                $"Only {Rupiah.Format(reversed.Left)} of '{reversed.Id}' is left to reverse."), c.Before);
        }
        var account = reversed.LandedIn;
        if (InsufficientFor(account, m.Amount, c, "reversed") is { } rejection)
        {
            return RuleOutcome.Reject(rejection, c.Before);
        }
        return RuleOutcome.Post(account, c.Before.Add(account, -m.Amount), new JournalLine(account, m.Amount, 0), new JournalLine(contra, 0, m.Amount))
            with { ReversedPart = m.Amount };
    }

    /// <summary>
    /// A provider's refund has already left its clearing account, so it is always booked in full: the member's savings
    /// give back what they can (at most what is left of the deposit, at most what the balance allows from the
    /// refund's date on), and the rest is a receivable the treasurer settles with the member.
    /// </summary>
    private static RuleOutcome ProviderReversal(TransactionMessage m, PostingContext c, string contra)
    {
        var reversed = c.Reversed is { Kind: TransactionKinds.Deposit } r && r.Account == m.Account ? r : null;
        var account = reversed?.LandedIn ?? m.Account;
        var left = reversed?.Left ?? 0;
        var take = Math.Min(m.Amount, Math.Min(left, Math.Max(0, c.Available(account))));
        var shortfall = m.Amount - take;
        var lines = new List<JournalLine>();
        if (take > 0)
        {
            lines.Add(new JournalLine(account, take, 0));
        }
        if (shortfall > 0)
        {
            lines.Add(new JournalLine(ChartOfAccounts.PiutangSelisihRefund, shortfall, 0));
        }
        lines.Add(new JournalLine(contra, 0, m.Amount));
        var why = c.Reversed is { Kind: TransactionKinds.LoanRepayment } ? $"'{m.Reverses}' repaid a loan, and a refund does not undo a loan repayment"
            : reversed is null ? $"no posted deposit '{m.Reverses}' to {m.Account} was found"
            : take < Math.Min(m.Amount, left) ? $"the {account} balance allows only {Rupiah.Format(take)}"
            : $"only {Rupiah.Format(left)} of '{reversed.Id}' was left to refund";
        return new RuleOutcome(null, c.Before.Add(account, -take), lines, account,
            shortfall > 0 ? new Adjustment("refund_shortfall",
                $"{Rupiah.Format(shortfall)} of this {Rupiah.Format(m.Amount)} refund could not be taken from {account} ({why}); " +
                "it is booked to piutang selisih refund for the treasurer to settle with the member.") : null,
            Math.Min(m.Amount, left));
    }

    /// <summary>
    /// Money from a provider for no member we have: booked to suspense, never dropped. An unmatched payment (the
    /// <see cref="LedgerKeys.Unidentified"/> holder) is already on the treasurer's unmatched list and its release on
    /// assignment is ordinary; money for a member number that does not exist is an adjustment to look at.
    /// </summary>
    public static RuleOutcome Suspense(TransactionMessage m, MemberBalances before, string contra)
    {
        var lines = m.Kind != TransactionKinds.Reversal
            ? new[] { new JournalLine(contra, m.Amount, 0), new JournalLine(ChartOfAccounts.DanaTitipan, 0, m.Amount) }
            : [new JournalLine(ChartOfAccounts.DanaTitipan, m.Amount, 0), new JournalLine(contra, 0, m.Amount)];
        var adjustment = m.MemberId == LedgerKeys.Unidentified ? null : new Adjustment("suspense_unknown_member",
            $"Anggota '{m.MemberId}' is not a member of this cooperative; {Rupiah.Format(m.Amount)} is booked to dana titipan for the treasurer.");
        return new RuleOutcome(null, before, lines, m.Account, adjustment);
    }

    private static Rejection? InsufficientFor(string account, long amount, PostingContext c, string what)
    {
        var available = c.Available(account);
        if (amount <= available)
        {
            return null;
        }
        var now = c.Before.Of(account);
        return new Rejection("insufficient_balance", available >= now
            ? $"The {account} balance is {Rupiah.Format(now)}; {Rupiah.Format(amount)} cannot be {what}."
            : $"The {account} balance is {Rupiah.Format(now)} now, but only {Rupiah.Format(Math.Max(0, available))} from this transaction's date on " +
              $"(later postings need the rest); {Rupiah.Format(amount)} cannot be {what} at that date.");
    }
}
