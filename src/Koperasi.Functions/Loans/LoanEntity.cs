using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;

namespace Koperasi.Functions.Loans;

/// <summary>
/// A loan as a row of its member's ledger partition (<c>loan|{id}</c>). The schedule, with every payment and waiver,
/// is JSON split over <c>Schedule</c>, <c>Schedule_1</c>, … so a long loan with many small payments stays under Table
/// Storage's 64 KiB per property.
/// </summary>
public static class LoanEntity
{
    /// <summary>Characters per schedule column: 32,000 UTF-16 characters is Table Storage's limit for one string property.</summary>
    private const int ChunkChars = 30_000;

    private const string ScheduleColumn = "Schedule";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static TableEntity Write(string partition, Loan loan)
    {
        var row = new TableEntity(partition, LoanKeys.LoanRow(loan.Id))
        {
            ["MemberId"] = loan.MemberId,
            ["ProductCode"] = loan.Application.ProductCode,
            ["Principal"] = loan.Application.Principal,
            ["TermMonths"] = loan.Application.TermMonths,
            ["FirstDueDate"] = Date(loan.Application.FirstDueDate),
            ["ProductName"] = loan.Terms.ProductName,
            ["InterestMethod"] = loan.Terms.InterestMethod.ToString(),
            ["MonthlyRateBps"] = loan.Terms.MonthlyRateBps,
            ["AdminFeeBps"] = loan.Terms.AdminFeeBps,
            ["RoundTo"] = loan.Terms.RoundTo,
            ["PenaltyBpsPerDay"] = loan.Terms.PenaltyBpsPerDay,
            ["PenaltyGraceDays"] = loan.Terms.PenaltyGraceDays,
            ["AdminFee"] = loan.AdminFee,
            ["Status"] = loan.Status.ToString(),
            ["SubmittedAt"] = loan.SubmittedAt,
            ["SubmittedBy"] = loan.SubmittedBy,
            ["UpdatedAt"] = loan.UpdatedAt,
            ["ApprovedAt"] = loan.ApprovedAt,
            ["ApprovedBy"] = loan.ApprovedBy,
            ["RejectedAt"] = loan.RejectedAt,
            ["RejectedBy"] = loan.RejectedBy,
            ["RejectionReason"] = loan.RejectionReason,
            ["DisbursedOn"] = Date(loan.DisbursedOn),
            ["DisbursedAt"] = loan.DisbursedAt,
            ["DisbursedBy"] = loan.DisbursedBy,
            ["ClosedOn"] = Date(loan.ClosedOn),
            ["WrittenOffOn"] = Date(loan.WrittenOffOn),
            ["WrittenOffPrincipal"] = loan.WrittenOffPrincipal,
            ["WrittenOffBy"] = loan.WrittenOffBy,
            ["WriteOffReason"] = loan.WriteOffReason,
            ["Recoveries"] = JsonSerializer.Serialize(loan.Recoveries, Json),
            ["OpeningAsOf"] = Date(loan.Opening?.AsOf),
            ["OpeningDisbursedOn"] = Date(loan.Opening?.DisbursedOn),
            ["OpeningInstallmentsPaid"] = loan.Opening?.InstallmentsPaid,
        };
        var schedule = JsonSerializer.Serialize(loan.Schedule, Json);
        for (var (i, at) = (0, 0); at < schedule.Length || i == 0; (i, at) = (i + 1, at + ChunkChars))
        {
            row[i == 0 ? ScheduleColumn : $"{ScheduleColumn}_{i}"] = schedule.Substring(at, Math.Min(ChunkChars, schedule.Length - at));
        }
        return row;
    }

    public static Loan Read(TableEntity e) => new(
        new LoanApplication(e.RowKey[LoanKeys.LoanPrefix.Length..], e.GetString("MemberId"), e.GetString("ProductCode"),
            e.GetInt64("Principal") ?? 0, e.GetInt32("TermMonths") ?? 0, ParseDate(e.GetString("FirstDueDate"))),
        new LoanTerms(e.GetString("ProductName"), Enum.Parse<InterestMethod>(e.GetString("InterestMethod")), e.GetInt32("MonthlyRateBps") ?? 0,
            e.GetInt32("AdminFeeBps") ?? 0, e.GetInt64("RoundTo") ?? 1, e.GetInt32("PenaltyBpsPerDay") ?? 0, e.GetInt32("PenaltyGraceDays") ?? 0),
        e.GetInt64("AdminFee") ?? 0,
        Enum.Parse<LoanStatus>(e.GetString("Status")),
        JsonSerializer.Deserialize<List<LoanInstallment>>(ReadSchedule(e), Json) ?? [],
        e.GetDateTimeOffset("SubmittedAt") ?? DateTimeOffset.MinValue,
        e.GetString("SubmittedBy"),
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue)
    {
        ApprovedAt = e.GetDateTimeOffset("ApprovedAt"),
        ApprovedBy = e.GetString("ApprovedBy"),
        RejectedAt = e.GetDateTimeOffset("RejectedAt"),
        RejectedBy = e.GetString("RejectedBy"),
        RejectionReason = e.GetString("RejectionReason"),
        DisbursedOn = ParseDate(e.GetString("DisbursedOn")),
        DisbursedAt = e.GetDateTimeOffset("DisbursedAt"),
        DisbursedBy = e.GetString("DisbursedBy"),
        ClosedOn = ParseDate(e.GetString("ClosedOn")),
        WrittenOffOn = ParseDate(e.GetString("WrittenOffOn")),
        WrittenOffPrincipal = e.GetInt64("WrittenOffPrincipal") ?? 0,
        WrittenOffBy = e.GetString("WrittenOffBy"),
        WriteOffReason = e.GetString("WriteOffReason"),
        Recoveries = e.GetString("Recoveries") is { } recoveries ? JsonSerializer.Deserialize<List<LoanRecovery>>(recoveries, Json) ?? [] : [],
        Opening = ParseDate(e.GetString("OpeningAsOf")) is { } asOf
            ? new LoanOpening(asOf, ParseDate(e.GetString("OpeningDisbursedOn"))!.Value, e.GetInt32("OpeningInstallmentsPaid") ?? 0)
            : null,
    };

    private static string ReadSchedule(TableEntity e)
    {
        var text = new StringBuilder(e.GetString(ScheduleColumn));
        for (var i = 1; e.GetString($"{ScheduleColumn}_{i}") is { } more; i++)
        {
            text.Append(more);
        }
        return text.ToString();
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
