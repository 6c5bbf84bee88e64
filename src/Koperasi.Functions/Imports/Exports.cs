using Koperasi.Functions.Api;
using Koperasi.Functions.Books;
using Koperasi.Functions.Books.Reports;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Members;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Imports;

/// <summary>
/// The reports treasurers open in a spreadsheet, as tables with Indonesian headers and the same figures as their
/// JSON routes: <c>members</c> with balances as of a date, <c>trial-balance</c>, <c>loans</c> with their arrears (as
/// <c>GET /api/loans/arrears</c>), <c>journal-entries</c> (the general journal by date, a row per line), one per report
/// of the books (<c>financial-position</c>, <c>income</c>, <c>equity-changes</c>), and one member's ledger.
/// </summary>
public sealed class Exports(
    LedgerQueries queries, LedgerReader ledger, MemberStore members, LoanServicing loans, GeneralJournal journal, BookReports reports,
    CooperativeStore cooperatives, TimeProvider time)
{
    public const string MembersExport = "members";
    public const string TrialBalanceExport = "trial-balance";
    public const string LoansExport = "loans";
    public const string JournalEntriesExport = "journal-entries";
    public const string FinancialPositionExport = "financial-position";
    public const string IncomeExport = "income";
    public const string EquityChangesExport = "equity-changes";
    public static readonly IReadOnlyList<string> Names =
        [MembersExport, TrialBalanceExport, LoansExport, JournalEntriesExport, FinancialPositionExport, IncomeExport, EquityChangesExport];

    private static readonly SheetColumn[] MemberColumns =
    [
        new(ImportTemplates.MemberNumber), new(ImportTemplates.Name), new(ImportTemplates.Email), new(ImportTemplates.Phone), new(ImportTemplates.JoinedOn),
        new(ImportTemplates.Pokok, SheetColumnKind.Rupiah), new(ImportTemplates.Wajib, SheetColumnKind.Rupiah), new(ImportTemplates.Sukarela, SheetColumnKind.Rupiah),
        new("Jumlah Simpanan", SheetColumnKind.Rupiah),
    ];

    private static readonly SheetColumn[] TrialBalanceColumns =
    [
        new("Kode Akun"), new("Nama Akun"), new("Golongan"), new("Debit", SheetColumnKind.Rupiah), new("Kredit", SheetColumnKind.Rupiah), new("Saldo", SheetColumnKind.Rupiah),
    ];

    private static readonly SheetColumn[] LoanColumns =
    [
        new(ImportTemplates.LoanNumber), new(ImportTemplates.MemberNumber), new(ImportTemplates.ProductCode), new("Golongan Tunggakan"),
        new("Hari Tunggakan", SheetColumnKind.Number), new("Jatuh Tempo Tertua"), new(ImportTemplates.Outstanding, SheetColumnKind.Rupiah),
        new("Tunggakan", SheetColumnKind.Rupiah), new("Denda", SheetColumnKind.Rupiah),
    ];

    private static readonly SheetColumn[] LedgerColumns =
    [
        new("Tanggal"), new("No. Urut", SheetColumnKind.Number), new("Jenis"), new("Akun"), new("Referensi"), new("Keterangan"), new("Mutasi", SheetColumnKind.Rupiah),
        new(ImportTemplates.Pokok, SheetColumnKind.Rupiah), new(ImportTemplates.Wajib, SheetColumnKind.Rupiah), new(ImportTemplates.Sukarela, SheetColumnKind.Rupiah),
    ];

    private static readonly SheetColumn[] JournalColumns =
    [
        new("Tanggal"), new("No. Bukti"), new("Jenis"), new("Keterangan"), new("Kode Akun"), new("Debit", SheetColumnKind.Rupiah),
        new("Kredit", SheetColumnKind.Rupiah), new(ImportTemplates.MemberNumber), new("Membalik"),
    ];

    public async Task<(SheetTable Table, string FileName)> TableAsync(string cooperativeId, string name, ExportQuery query, CancellationToken cancellationToken = default) => name switch
    {
        MembersExport => await MembersAsync(cooperativeId, query.AsOf, cancellationToken),
        TrialBalanceExport => await TrialBalanceAsync(cooperativeId, query.AsOf, cancellationToken),
        LoansExport => await LoansAsync(cooperativeId, query.AsOf, cancellationToken),
        JournalEntriesExport => await JournalEntriesAsync(cooperativeId, query.From, query.To, cancellationToken),
        FinancialPositionExport => ReportSheets.Of(await reports.FinancialPositionAsync(cooperativeId, query.AsOf, cancellationToken)),
        IncomeExport => ReportSheets.Of(await reports.IncomeAsync(cooperativeId, query.From, query.To, cancellationToken)),
        EquityChangesExport => ReportSheets.Of(await reports.EquityChangesAsync(cooperativeId, query.Year, cancellationToken)),
        _ => throw new ApiProblemException(ApiProblem.NotFound("export_not_found",
            $"There is no export '{name}'; the exports are {string.Join(", ", Names)}.")),
    };

    /// <summary>Every general-journal entry with a business date in [from, to] (as <c>GET /api/journal-entries</c>), one row per line, then the totals.</summary>
    private async Task<(SheetTable, string)> JournalEntriesAsync(string cooperativeId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var entries = new List<PostedJournalEntry>();
        string? token = null;
        do
        {
            var page = await journal.ListAsync(cooperativeId, from, to, new Paging(Paging.MaxLimit, token), cancellationToken);
            entries.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);
        var rows = entries.SelectMany(e => e.Lines.Select(l => (IReadOnlyList<object?>)
        [
            e.BusinessDate, e.Id, e.Kind, e.Description, l.Account, l.Debit == 0 ? null : l.Debit, l.Credit == 0 ? null : l.Credit, l.MemberId, e.Reverses,
        ])).ToList();
        rows.Add(["", "", "", "Jumlah", "", entries.Sum(e => e.Lines.Sum(l => l.Debit)), entries.Sum(e => e.Lines.Sum(l => l.Credit)), null, null]);
        var period = (from is { } f ? LedgerKeys.Date(f) : "awal") + "-" + (to is { } t ? LedgerKeys.Date(t) : "akhir");
        return (new SheetTable("Jurnal Umum", JournalColumns, rows), $"jurnal-umum-{period}");
    }

    private async Task<(SheetTable, string)> MembersAsync(string cooperativeId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var cooperative = (await cooperatives.FindAsync(cooperativeId, cancellationToken))!;
        var today = BusinessCalendar.Today(time, cooperative);
        var date = asOf ?? today;
        var all = new List<Member>();
        await foreach (var m in members.ListAllAsync(cooperativeId, cancellationToken))
        {
            all.Add(m);
        }
        var balances = new MemberBalances[all.Count];
        await Parallel.ForAsync(0, all.Count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
            balances[i] = date >= today
                ? await ledger.CurrentBalancesAsync(cooperativeId, all[i].Id, ct)
                : await ledger.BalancesAsOfAsync(cooperativeId, all[i].Id, date, ct));
        var rows = all.Select((m, i) => (IReadOnlyList<object?>)
        [
            m.Id, m.Name, m.Email, m.Phone, m.JoinedAt is { } j ? LedgerKeys.Date(BusinessCalendar.LocalDate(j, cooperative)) : null,
            balances[i].Pokok, balances[i].Wajib, balances[i].Sukarela, balances[i].Pokok + balances[i].Wajib + balances[i].Sukarela,
        ]).ToList();
        return (new SheetTable("Anggota", MemberColumns, rows), $"anggota-{LedgerKeys.Date(date)}");
    }

    private async Task<(SheetTable, string)> TrialBalanceAsync(string cooperativeId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var trial = await queries.TrialBalanceAsync(cooperativeId, asOf, cancellationToken);
        var rows = trial.Accounts.Select(a => (IReadOnlyList<object?>)[a.Code, a.Name, a.Class, a.Debit, a.Credit, a.Balance]).ToList();
        rows.Add(["", "Jumlah", "", trial.TotalDebit, trial.TotalCredit, null]);
        return (new SheetTable("Neraca Saldo", TrialBalanceColumns, rows), $"neraca-saldo-{trial.AsOf}");
    }

    /// <summary>
    /// Every active loan as of the date with its arrears, as <c>GET /api/loans/arrears</c> computes them (its
    /// <c>items</c> are the loans past due; here the current ones follow them), and a total row: the sum of Sisa Pokok
    /// is the report's <c>outstandingPrincipal</c>, the trial balance's piutang_pinjaman on that date.
    /// </summary>
    private async Task<(SheetTable, string)> LoansAsync(string cooperativeId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var report = await loans.ArrearsAsync(cooperativeId, asOf, cancellationToken);
        var rows = report.All.Select(a => (IReadOnlyList<object?>)
        [
            a.LoanId, a.MemberId, a.ProductCode, a.Bucket, a.DaysPastDue, a.OldestDueDate is { } d ? LedgerKeys.Date(d) : null, a.OutstandingPrincipal, a.Overdue, a.PenaltyDue,
        ]).ToList();
        rows.Add(["", "Jumlah", "", "", null, null, report.OutstandingPrincipal, report.Overdue, report.Buckets.Sum(b => b.PenaltyDue)]);
        return (new SheetTable("Pinjaman", LoanColumns, rows), $"pinjaman-{LedgerKeys.Date(report.AsOf)}");
    }

    /// <summary>The member's ledger for the period, every line (no paging), after a first line with the opening balances.</summary>
    public async Task<(SheetTable Table, string FileName)> MemberLedgerAsync(string cooperativeId, string memberId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        var first = await queries.MemberLedgerAsync(cooperativeId, memberId, from, to, new Paging(Paging.MaxLimit, null), cancellationToken);
        var lines = first.Items.ToList();
        for (var page = first; page.ContinuationToken is { } token;)
        {
            page = await queries.MemberLedgerAsync(cooperativeId, memberId, from, to, new Paging(Paging.MaxLimit, token), cancellationToken);
            lines.AddRange(page.Items);
        }
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { first.From, null, "Saldo awal periode", null, null, null, null, Of(first.OpeningBalances, TransactionKinds.SimpananPokok),
                Of(first.OpeningBalances, TransactionKinds.SimpananWajib), Of(first.OpeningBalances, TransactionKinds.SimpananSukarela) },
        };
        rows.AddRange(lines.Select(l => (IReadOnlyList<object?>)
        [
            l.BusinessDate, l.Sequence, l.Kind, l.Account, l.Reference, l.Description, l.Change,
            Of(l.Balances, TransactionKinds.SimpananPokok), Of(l.Balances, TransactionKinds.SimpananWajib), Of(l.Balances, TransactionKinds.SimpananSukarela),
        ]));
        return (new SheetTable("Buku Simpanan", LedgerColumns, rows), $"simpanan-{memberId}-{first.From}-{first.To}");
    }

    private static long Of(IReadOnlyDictionary<string, long> balances, string account) => balances.GetValueOrDefault(account);
}
