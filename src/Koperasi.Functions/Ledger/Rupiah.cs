using System.Globalization;

namespace Koperasi.Functions.Ledger;

/// <summary>Rupiah for people: <c>Rp1.234.567</c> (id-ID: '.' separates thousands; no minor unit).</summary>
public static class Rupiah
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    public static string Format(long amount) =>
        (amount < 0 ? "-Rp" : "Rp") + Math.Abs(amount).ToString("#,0", Indonesian);
}
