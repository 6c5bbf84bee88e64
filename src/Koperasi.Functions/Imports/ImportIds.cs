using System.Text.RegularExpressions;
using Koperasi.Functions.Access;

namespace Koperasi.Functions.Imports;

/// <summary>Import ids: <c>imp</c> and 12 random lowercase letters and digits.</summary>
public static partial class ImportIds
{
    public static string New() => "imp" + Ids.NewId(12);

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^imp[a-z0-9]{12}$")]
    private static partial Regex Pattern();
}
