using Koperasi.Functions.Ledger;
using Koperasi.Functions.Loans;
using Koperasi.Functions.Members;

namespace Koperasi.Functions.Imports;

/// <summary>
/// Checks a running-loans file: a known member, a loan number once per file (it becomes the loan's id), a known loan
/// product (whose other terms the loan takes), the principal, term, monthly rate and method it was granted with, a
/// disbursement date on or before the cut-over, and fewer installments paid than the term (a repaid loan is not
/// brought in). The schedule is rebuilt here as the ledger will (<see cref="LoanOpening"/>), so a <c>Sisa Pokok</c>
/// column, when the file has one, must be the principal it leaves. Whether the loan is already in is the loans
/// store's and the ledger's to say, when the row is posted.
/// </summary>
public static class LoanRowCheck
{
    private static readonly Dictionary<string, InterestMethod> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["flat"] = InterestMethod.Flat, ["anuitas"] = InterestMethod.Annuity, ["annuity"] = InterestMethod.Annuity,
        ["menurun"] = InterestMethod.Declining, ["efektif"] = InterestMethod.Declining, ["declining"] = InterestMethod.Declining,
    };

    public static ImportCheck Check(UploadedSheet sheet, IReadOnlySet<string> members, IReadOnlyDictionary<string, LoanProduct> products, DateOnly asOf)
    {
        if (!SheetHeaders.TryLocate(sheet, ImportTemplates.LoanColumns, out var index, out var refused))
        {
            return refused;
        }
        var found = new List<ImportRowError>();
        var accepted = new List<ImportRow>();
        var firstRow = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in sheet.Rows)
        {
            var rowErrors = new List<ImportRowError>();
            void Add(string column, string? message)
            {
                if (message is not null)
                {
                    rowErrors.Add(new ImportRowError(row.Number, column, message));
                }
            }
            SheetCell Cell(string header) => SheetHeaders.Cell(row, index, header);
            static string? Required(bool present) => present ? null : "is required";

            var (memberId, memberError) = SheetKeys.Read(Cell(ImportTemplates.MemberNumber), row.Number, ImportTemplates.MemberNumber, MemberId.IsValid, MemberId.Rule);
            Add(ImportTemplates.MemberNumber, memberError?.Message ?? (members.Contains(memberId) ? null : $"there is no member '{memberId}' in this cooperative; import the members first"));

            var (loanId, loanError) = SheetKeys.Read(Cell(ImportTemplates.LoanNumber), row.Number, ImportTemplates.LoanNumber, IsLoanNumber, LoanApplication.IdRule + " (and not 'arrears')");
            Add(ImportTemplates.LoanNumber, loanError?.Message ?? (firstRow.TryAdd(loanId, row.Number) ? null : $"loan number '{loanId}' appears again (first in row {firstRow[loanId]})"));

            var (code, codeError) = SheetKeys.Read(Cell(ImportTemplates.ProductCode), row.Number, ImportTemplates.ProductCode, c => LoanProductRequest.CodePattern().IsMatch(c), LoanProductRequest.CodeRule);
            var product = codeError is null ? products.GetValueOrDefault(code) : null;
            Add(ImportTemplates.ProductCode, codeError?.Message ?? (product is null ? $"there is no loan product '{code}'; add it first (PUT /api/loan-products/{code})" : null));

            var (principal, principalError) = SheetValues.Rupiah(Cell(ImportTemplates.Principal), LoanApplication.MaxPrincipal);
            Add(ImportTemplates.Principal, principalError ?? (principal > 0 ? null : "is required: the principal the loan was granted with"));

            var (term, termError) = SheetValues.Count(Cell(ImportTemplates.TermMonths), 1, LoanSchedule.MaxTermMonths);
            Add(ImportTemplates.TermMonths, termError ?? Required(term is not null));

            var (rate, rateError) = SheetValues.Percent(Cell(ImportTemplates.MonthlyRate), LoanProductRequest.MaxMonthlyRateBps);
            Add(ImportTemplates.MonthlyRate, rateError ?? Required(rate is not null));

            var methodCell = Cell(ImportTemplates.Method);
            var methodText = SheetText.Of(methodCell);
            var method = Methods.TryGetValue(methodText, out var m) ? m : (InterestMethod?)null;
            Add(ImportTemplates.Method, methodCell.IsFormula ? SheetValues.FormulaError : methodText.Length == 0 ? "is required"
                : method is null ? $"'{methodText}' is not a method; write flat, anuitas or menurun" : null);

            var (disbursedOn, dateError) = SheetValues.Date(Cell(ImportTemplates.DisbursedOn));
            Add(ImportTemplates.DisbursedOn, dateError ?? (disbursedOn is not { } d ? "is required"
                : d > asOf ? $"is after the cut-over date {LedgerKeys.Date(asOf)}; a loan disbursed later is disbursed here" : null));

            var (paid, paidError) = SheetValues.Count(Cell(ImportTemplates.InstallmentsPaid), 0, LoanSchedule.MaxTermMonths);
            Add(ImportTemplates.InstallmentsPaid, paidError ?? (paid is null ? "is required (0 when none is paid yet)"
                : term is { } n && paid >= n ? $"all {n} installments are paid: a repaid loan is not brought in" : null));

            var (fileOutstanding, outstandingError) = Cell(ImportTemplates.Outstanding).IsBlank ? (null, null) : SheetValues.Rupiah(Cell(ImportTemplates.Outstanding), LoanApplication.MaxPrincipal);
            Add(ImportTemplates.Outstanding, outstandingError);
            if (rowErrors.Count > 0)
            {
                found.AddRange(rowErrors);
                continue;
            }
            var running = new RunningLoan(loanId, code, principal!.Value, term!.Value, rate!.Value, method!.Value, disbursedOn!.Value, paid!.Value, 0);
            var outstanding = new LoanOpening(asOf, running.DisbursedOn, running.InstallmentsPaid).Outstanding(running.TermsFrom(product!), running.Principal, running.TermMonths);
            if (fileOutstanding is { } said && said != outstanding)
            {
                found.Add(new ImportRowError(row.Number, ImportTemplates.Outstanding,
                    $"is {said}, but the schedule leaves {outstanding} of principal after {running.InstallmentsPaid} installment(s); check the principal, term, rate, method and installments paid"));
                continue;
            }
            accepted.Add(new ImportRow(row.Number, memberId, Loan: running with { Outstanding = outstanding }));
        }
        return new ImportCheck(sheet.Rows.Count, accepted, 0, found);
    }

    private static bool IsLoanNumber(string id) => LoanApplication.IsValidId(id) && !LoanApplication.ReservedIds.Contains(id, StringComparer.OrdinalIgnoreCase);
}
