using System.Globalization;

namespace Koperasi.Functions.Books;

/// <summary>
/// The ledger ids of a year's SHU distribution: a member's share <c>~shu-{yyyy}-{member}</c> ('~' is in no id a client
/// may send, so a teller's transaction can never take it) and the general-journal entry of the reserve and funds <c>shu-{yyyy}-alokasi</c>.
/// </summary>
public static class ShuIds
{
    public static string MemberShare(int year, string memberId) => $"~shu-{Year(year)}-{memberId}";

    public static string Allocation(int year) => $"shu-{Year(year)}-alokasi";

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);
}
