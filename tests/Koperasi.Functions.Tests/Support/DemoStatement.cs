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
}
