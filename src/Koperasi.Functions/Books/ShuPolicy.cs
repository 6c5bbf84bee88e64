using System.Text.Json;
using Koperasi.Functions.Api;
using Koperasi.Functions.Ledger;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Books;

/// <summary>
/// How the cooperative's bylaws (AD/ART) split the SHU (DOMAIN.md, "Year end"): basis points per allocation, summing to
/// 10,000 — <c>jasa_modal</c> and <c>jasa_usaha</c> are the members' pools, every other code an equity or liability
/// account of the chart (cadangan, dana_*) — the capital basis (<c>year_end</c> balance or <c>average_monthly</c>, the
/// average of the 12 month-end balances) over <see cref="CapitalAccounts"/>, the use basis (for a KSP, the jasa the
/// member paid on loans), where members' shares are credited, and the account that keeps every rounding remainder.
/// </summary>
public sealed record ShuPolicy(
    IReadOnlyDictionary<string, int> Allocations,
    string CapitalBasis,
    IReadOnlyList<string> CapitalAccounts,
    string UseBasis,
    string MemberShareAccount,
    string RemainderAccount)
{
    public const string JasaModal = "jasa_modal";
    public const string JasaUsaha = "jasa_usaha";
    public const string YearEnd = "year_end";
    public const string AverageMonthly = "average_monthly";
    public const string LoanInterestPaid = "loan_interest_paid";
    public const int WholeBps = 10_000;

    /// <summary>DOMAIN.md's typical split: cadangan 40%, jasa usaha 25%, jasa modal 20%, dana pengurus 5%, dana karyawan 5%, dana pendidikan 2.5%, dana sosial 2.5%.</summary>
    public static readonly ShuPolicy Default = new(
        new Dictionary<string, int>
        {
            [ChartOfAccounts.Cadangan] = 4_000, [JasaUsaha] = 2_500, [JasaModal] = 2_000, [ChartOfAccounts.DanaPengurus] = 500,
            [ChartOfAccounts.DanaKaryawan] = 500, [ChartOfAccounts.DanaPendidikan] = 250, [ChartOfAccounts.DanaSosial] = 250,
        },
        YearEnd, [TransactionKinds.SimpananPokok, TransactionKinds.SimpananWajib], LoanInterestPaid, TransactionKinds.SimpananSukarela, ChartOfAccounts.Cadangan);

    private static readonly string[] Bases = [YearEnd, AverageMonthly];
    private static readonly string[] UseBases = [LoanInterestPaid];
    private static readonly string[] ShareAccounts = [TransactionKinds.SimpananSukarela, ChartOfAccounts.ShuBagianAnggota];

    public int BpsOf(string code) => Allocations.GetValueOrDefault(code);

    /// <summary>Reads and checks a policy; <paramref name="chart"/> says which allocation and remainder codes are accounts that may take the SHU.</summary>
    public static ShuPolicy Read(JsonElement body, CooperativeChart chart)
    {
        var fields = new JsonFields(body, "allocations", "capitalBasis", "capitalAccounts", "useBasis", "memberShareAccount", "remainderAccount");
        var allocations = ReadAllocations(body, fields, chart);
        var capitalBasis = fields.OneOf("capitalBasis", required: true, Bases);
        var capitalAccounts = ReadCapitalAccounts(body, fields);
        var useBasis = fields.OneOf("useBasis", required: true, UseBases);
        var shareAccount = fields.OneOf("memberShareAccount", required: false, ShareAccounts) ?? TransactionKinds.SimpananSukarela;
        var remainder = fields.String("remainderAccount", required: false, maxLength: 64) ?? ChartOfAccounts.Cadangan;
        if (!TakesShu(remainder, chart))
        {
            fields.Add("remainderAccount", "must be an equity or liability account of the chart that is not members' money (cadangan, dana_*)");
        }
        fields.ThrowIfInvalid();
        return new ShuPolicy(allocations, capitalBasis!, capitalAccounts, useBasis!, shareAccount, remainder);
    }

    /// <summary>An account the SHU may be allocated to: equity or liability, not a member's money, not the SHU itself, not the opening-balance equity.</summary>
    public static bool TakesShu(string code, CooperativeChart chart) =>
        chart.Find(code) is { Class: AccountClass.Equity or AccountClass.Liability } &&
        !JournalRules.IsMemberMoney(code) && code is not (ChartOfAccounts.ShuTahunBerjalan or ChartOfAccounts.ShuBagianAnggota or ChartOfAccounts.EkuitasSaldoAwal);

    private static Dictionary<string, int> ReadAllocations(JsonElement body, JsonFields fields, CooperativeChart chart)
    {
        var allocations = new Dictionary<string, int>(StringComparer.Ordinal);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("allocations", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            fields.Add("allocations", "is required: an object of allocation code → basis points");
            return allocations;
        }
        var names = map.EnumerateObject().Select(p => p.Name).ToArray();
        var inner = new JsonFields(map, names);
        foreach (var code in names)
        {
            if (inner.Integer(code, required: true, 0, WholeBps) is { } bps)
            {
                allocations[code] = bps;
            }
            if (code is not (JasaModal or JasaUsaha) && !TakesShu(code, chart))
            {
                fields.Add($"allocations.{code}", "must be jasa_modal, jasa_usaha or an equity or liability account of the chart that is not members' money (cadangan, dana_*)");
            }
        }
        foreach (var (field, messages) in inner.Errors)
        {
            foreach (var message in messages)
            {
                fields.Add($"allocations.{field}", message);
            }
        }
        if (inner.IsValid && allocations.Values.Sum() != WholeBps)
        {
            fields.Add("allocations", $"must sum to {WholeBps} basis points (100%); these sum to {allocations.Values.Sum()}");
        }
        return allocations;
    }

    private static List<string> ReadCapitalAccounts(JsonElement body, JsonFields fields)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("capitalAccounts", out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [TransactionKinds.SimpananPokok, TransactionKinds.SimpananWajib];
        }
        var accounts = list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : "").ToList()
            : [];
        if (accounts.Count == 0 || accounts.Any(a => !TransactionKinds.SavingsAccounts.Contains(a)) || accounts.Distinct().Count() != accounts.Count)
        {
            fields.Add("capitalAccounts", "must be a list of distinct savings accounts (simpanan_pokok, simpanan_wajib, simpanan_sukarela)");
        }
        return accounts;
    }
}
