using System.Text.Json;
using System.Text.Json.Nodes;
using Koperasi.Functions.Api;
using Koperasi.Functions.Cooperatives;
using Koperasi.Functions.Members;

namespace Koperasi.Functions.Imports;

/// <summary>
/// Checks a members file row by row with the same rules as <c>POST /api/members</c> (<see cref="MemberDetails"/>).
/// The member number identifies a row: a member already there with the same details is unchanged, one with other
/// details is refused (an import never overwrites; <c>PUT /api/members/{id}</c> does).
/// </summary>
public static class MemberRowCheck
{
    private static readonly Dictionary<string, string> ColumnOf = new(StringComparer.Ordinal)
    {
        ["id"] = ImportTemplates.MemberNumber, ["name"] = ImportTemplates.Name, ["email"] = ImportTemplates.Email,
        ["phone"] = ImportTemplates.Phone, ["joinedAt"] = ImportTemplates.JoinedOn,
    };

    public static ImportCheck Check(UploadedSheet sheet, IReadOnlyDictionary<string, Member> existing, Cooperative cooperative)
    {
        if (!SheetHeaders.TryLocate(sheet, ImportTemplates.MemberColumns, out var index, out var refused))
        {
            return refused;
        }
        var found = new List<ImportRowError>();
        var accepted = new List<ImportRow>();
        var unchanged = 0;
        var firstRow = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in sheet.Rows)
        {
            var rowErrors = new List<ImportRowError>();
            var body = new JsonObject();
            foreach (var (field, header) in ColumnOf.Where(c => c.Key != "joinedAt"))
            {
                var cell = SheetHeaders.Cell(row, index, header);
                if (cell.IsFormula)
                {
                    rowErrors.Add(new ImportRowError(row.Number, header, SheetValues.FormulaError));
                }
                else if (SheetText.Of(cell) is { Length: > 0 } text)
                {
                    body[field] = text;
                }
            }
            var (date, dateError) = SheetValues.Date(SheetHeaders.Cell(row, index, ImportTemplates.JoinedOn));
            if (dateError is not null)
            {
                rowErrors.Add(new ImportRowError(row.Number, ImportTemplates.JoinedOn, dateError));
            }
            else if (date is { } joined)
            {
                body["joinedAt"] = StartOfDay(joined, cooperative).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
            }
            var id = body["id"]?.GetValue<string>();
            MemberDetails? details = null;
            try
            {
                (_, details) = MemberDetails.Read(JsonSerializer.SerializeToElement(body), withId: true);
            }
            catch (ApiProblemException e) when (e.Problem.Errors is { } fieldErrors)
            {
                rowErrors.AddRange(fieldErrors.SelectMany(f => f.Value.Select(m => new ImportRowError(row.Number, ColumnOf.GetValueOrDefault(f.Key, f.Key), m))));
            }
            if (id is not null && firstRow.TryGetValue(id, out var first))
            {
                rowErrors.Add(new ImportRowError(row.Number, ImportTemplates.MemberNumber, $"member number '{id}' appears again (first in row {first})"));
            }
            else if (id is not null)
            {
                firstRow[id] = row.Number;
            }
            if (rowErrors.Count > 0 || details is null)
            {
                found.AddRange(rowErrors);
                continue;
            }
            if (existing.TryGetValue(id!, out var member))
            {
                if (SameDetails(member, details))
                {
                    unchanged++;
                }
                else
                {
                    found.Add(new ImportRowError(row.Number, ImportTemplates.MemberNumber,
                        $"member '{id}' already exists with other details; an import does not change members (use PUT /api/members/{id})"));
                }
                continue;
            }
            accepted.Add(new ImportRow(row.Number, id!, details.Name, details.Email, details.Phone, details.JoinedAt));
        }
        return new ImportCheck(sheet.Rows.Count, accepted, unchanged, found);
    }

    public static bool SameDetails(Member member, MemberDetails details) =>
        member.Name == details.Name && member.Email == details.Email && member.Phone == details.Phone && member.JoinedAt == details.JoinedAt;

    public static DateTimeOffset StartOfDay(DateOnly date, Cooperative cooperative)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, cooperative.Zone.GetUtcOffset(local));
    }
}
