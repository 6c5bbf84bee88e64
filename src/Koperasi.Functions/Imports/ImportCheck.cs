namespace Koperasi.Functions.Imports;

/// <summary>
/// What checking a file found: its data rows, the rows to import, the rows already in place as the file says
/// (<see cref="Unchanged"/>), and every error by row and column.
/// </summary>
public sealed record ImportCheck(int Rows, IReadOnlyList<ImportRow> Accepted, int Unchanged, IReadOnlyList<ImportRowError> Errors)
{
    public int InvalidRows => Errors.Select(e => e.Row).Distinct().Count();
}
