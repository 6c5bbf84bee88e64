using System.Text.RegularExpressions;

namespace Koperasi.Functions.Members;

/// <summary>The rule for member numbers: 1-32 letters, digits, '-' and '_'.</summary>
public static partial class MemberId
{
    public const string Rule = "must be 1-32 characters of letters, digits, '-' and '_'";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    public static partial Regex Pattern();
}
