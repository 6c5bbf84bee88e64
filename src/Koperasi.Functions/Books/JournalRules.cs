using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Books;

/// <summary>
/// The ledger's rules for the cooperative's own journals (Books/): the lines the message carries must balance, each
/// a debit or a credit of whole rupiah, and never touch an account only member postings move; a reversal needs its
/// original posted and not yet reversed. The general journal checks all of this before it asks; here it is checked
/// again inside the posting, with what the partition holds now. Pure: no storage.
/// </summary>
public static class JournalRules
{
    public const int MinLines = 2;
    public const int MaxLines = 50;

    public static RuleOutcome Apply(TransactionMessage m, PostingContext c)
    {
        var lines = m.Lines ?? [];
        if (Unbalanced(lines) is { } why)
        {
            return RuleOutcome.Reject(new Rejection("invalid_journal", why), c.Before);
        }
        if (lines.FirstOrDefault(l => IsMemberMoney(l.Account)) is { } line)
        {
            return RuleOutcome.Reject(new Rejection("member_account", $"'{line.Account}' moves only through member postings, never by a journal entry."), c.Before);
        }
        if (m.Reverses is null)
        {
            return new RuleOutcome(null, c.Before, lines);
        }
        if (c.Reversed is not { Kind: TransactionKinds.Journal } reversed)
        {
            return RuleOutcome.Reject(new Rejection("journal_entry_not_found", $"There is no posted journal entry '{m.Reverses}' to reverse."), c.Before);
        }
        if (reversed.AlreadyReversed > 0)
        {
            return RuleOutcome.Reject(new Rejection("already_reversed", $"Journal entry '{m.Reverses}' is already reversed."), c.Before);
        }
        return new RuleOutcome(null, c.Before, lines, ReversedPart: reversed.Amount);
    }

    /// <summary>Why the lines are not a journal (fewer than two, a line not exactly one positive side, debits ≠ credits), or null.</summary>
    public static string? Unbalanced(IReadOnlyList<JournalLine> lines)
    {
        if (lines.Count is < MinLines or > MaxLines)
        {
            return $"A journal entry has {MinLines} to {MaxLines} lines.";
        }
        if (lines.Any(l => l.Debit < 0 || l.Credit < 0 || (l.Debit > 0) == (l.Credit > 0)))
        {
            return "Each line is either a debit or a credit of a positive whole number of rupiah.";
        }
        var debit = lines.Sum(l => l.Debit);
        var credit = lines.Sum(l => l.Credit);
        return debit == credit ? null : $"Debits ({Rupiah.Format(debit)}) and credits ({Rupiah.Format(credit)}) must be equal.";
    }

    /// <summary>
    /// Accounts that hold members' money or money on its way to a member: the savings, piutang pinjaman, dana titipan
    /// and the providers' clearing accounts. Only member postings (with their rules and balances rows) move them.
    /// </summary>
    public static bool IsMemberMoney(string account) =>
        MemberBalances.IsMemberAccount(account) || account is ChartOfAccounts.DanaTitipan or ChartOfAccounts.KliringMidtrans or ChartOfAccounts.KliringXendit ||
        account.StartsWith(ChartOfAccounts.StandardClearingPrefix, StringComparison.Ordinal);
}
