using Koperasi.Functions.Members;
using Koperasi.Functions.Transactions;

namespace Koperasi.Functions.Imports;

/// <summary>
/// Checks an opening-balances file: a known member number once per file, and whole, non-negative rupiah per
/// savings account (empty is zero). Whether a member's balance is already in the ledger is the ledger's to say,
/// when the row is posted (its marker).
/// </summary>
public static class OpeningBalanceRowCheck
{
    public static ImportCheck Check(UploadedSheet sheet, IReadOnlySet<string> members)
    {
        if (!SheetHeaders.TryLocate(sheet, ImportTemplates.OpeningBalanceColumns, out var index, out var refused))
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
            var (id, idError) = SheetKeys.Read(SheetHeaders.Cell(row, index, ImportTemplates.MemberNumber), row.Number, ImportTemplates.MemberNumber, MemberId.IsValid, MemberId.Rule);
            if (idError is not null)
            {
                rowErrors.Add(idError);
            }
            else if (firstRow.TryGetValue(id, out var first))
            {
                rowErrors.Add(new ImportRowError(row.Number, ImportTemplates.MemberNumber, $"member number '{id}' appears again (first in row {first})"));
            }
            else
            {
                firstRow[id] = row.Number;
                if (!members.Contains(id))
                {
                    rowErrors.Add(new ImportRowError(row.Number, ImportTemplates.MemberNumber, $"there is no member '{id}' in this cooperative; import the members first"));
                }
            }
            var amounts = new long[3];
            var headers = new[] { ImportTemplates.Pokok, ImportTemplates.Wajib, ImportTemplates.Sukarela };
            for (var i = 0; i < headers.Length; i++)
            {
                var (amount, error) = SheetValues.Rupiah(SheetHeaders.Cell(row, index, headers[i]), TransactionValidator.MaxAmount);
                if (error is not null)
                {
                    rowErrors.Add(new ImportRowError(row.Number, headers[i], error));
                }
                amounts[i] = amount ?? 0;
            }
            if (rowErrors.Count > 0)
            {
                found.AddRange(rowErrors);
            }
            else if (amounts.All(a => a == 0))
            {
                unchanged++;
            }
            else
            {
                accepted.Add(new ImportRow(row.Number, id, Pokok: amounts[0], Wajib: amounts[1], Sukarela: amounts[2]));
            }
        }
        return new ImportCheck(sheet.Rows.Count, accepted, unchanged, found);
    }
}
