using Koperasi.Functions.Loans;
using Koperasi.Functions.Statements;

namespace Koperasi.Functions.Tests.Support;

/// <summary>The demo cooperative's first member (scripts/seed-demo.mjs) for October 2026, built without storage.</summary>
public static class DemoStatement
{
    private static StatementMovement Move(string date, string reference, string kind, long change, long balance, bool late = false) =>
        new(date, late ? "2026-10-01" : date, late, DateTimeOffset.Parse(date + "T10:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture),
            "demo-" + Guid.NewGuid().ToString("N")[..8], kind, reference, null, change, balance);

    public static MemberStatement October() => new(
        "kDemo0000001", "Koperasi Simpan Pinjam Maju Bersama (demo)", "Asia/Makassar", "A-001", "Siti Rahayu", "2026-10", "Oktober 2026",
        "2026-10-01", "2026-10-31", true,
        [
            new StatementAccount("simpanan_pokok", "Simpanan Pokok", 100_000, [], 0, 0, 100_000),
            new StatementAccount("simpanan_wajib", "Simpanan Wajib", 50_000, [Move("2026-10-25", "Wajib Oktober", "deposit", 50_000, 100_000)], 50_000, 0, 100_000),
            new StatementAccount("simpanan_sukarela", "Simpanan Sukarela", 0,
            [
                Move("2026-09-30", "Setoran tunai (terlambat)", "deposit", 20_000, 20_000, late: true),
                Move("2026-10-03", "Setoran tunai", "deposit", 250_000, 270_000),
                Move("2026-10-17", "Tarik tunai", "withdrawal", -75_000, 195_000),
                Move("2026-10-31", "Transfer gaji dari PT Sumber Rezeki Abadi Sejahtera", "deposit", 1_250_000, 1_445_000),
            ], 1_520_000, 75_000, 1_445_000),
        ],
        new StatementTotals(150_000, 1_570_000, 75_000, 1_645_000));

    /// <summary>The same month with two loans: one repaid late in October and behind at the month's end, one paid off in October.</summary>
    public static MemberStatement OctoberWithLoans() => October() with
    {
        Loans =
        [
            new StatementLoan("PJ-2026-0142", "UMUM", "Pinjaman Umum", LoanStatus.Active, 10_000_000, new DateOnly(2026, 5, 10), 6_616_668,
                new StatementLoanPaid(883_333, 300_000, 2_950),
                [new(new DateOnly(2026, 10, 15), "demo-r4", 833_333, 150_000, 2_950), new(new DateOnly(2026, 10, 25), "demo-r5", 50_000, 150_000, 0)],
                0, new StatementNextInstallment(6, new DateOnly(2026, 11, 10), 983_333), new StatementLoanArrears(new DateOnly(2026, 10, 10), 21, 783_333, 14_883)),
            new StatementLoan("PJ-2025-0077", "DARURAT", "Pinjaman Darurat Pendidikan Anak", LoanStatus.Closed, 2_000_000, new DateOnly(2025, 11, 3), 0,
                new StatementLoanPaid(172_000, 3_000, 0), [new(new DateOnly(2026, 10, 3), "demo-r9", 172_000, 3_000, 0)], 0, null, null),
        ],
    };
}
