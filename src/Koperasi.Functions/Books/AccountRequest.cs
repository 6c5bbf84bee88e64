using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Api;
using Koperasi.Functions.Ledger;

namespace Koperasi.Functions.Books;

/// <summary>The body of <c>PUT /api/accounts/{code}</c>: <c>{name, class, parent?}</c>, every problem reported by field.</summary>
public sealed partial record AccountRequest(string Code, string Name, AccountClass Class, string? Parent)
{
    public const string CodeRule = "must be 2-64 characters of lowercase letters, digits and '_', starting with a letter";

    public static readonly IReadOnlyList<string> Classes = ["asset", "liability", "equity", "income", "expense"];

    public static AccountRequest Read(string code, JsonElement body)
    {
        var fields = new JsonFields(body, "name", "class", "parent");
        if (!CodePattern().IsMatch(code))
        {
            fields.Add("code", CodeRule);
        }
        var name = fields.String("name", required: true, maxLength: 100);
        if (name is not null && name.Trim().Length == 0)
        {
            fields.Add("name", "must not be blank");
        }
        var accountClass = fields.OneOf("class", required: true, Classes);
        var parent = fields.String("parent", required: false, maxLength: 64, CodePattern(), CodeRule);
        fields.ThrowIfInvalid();
        return new AccountRequest(code, name!.Trim(), Enum.Parse<AccountClass>(accountClass!, ignoreCase: true), parent);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$")]
    public static partial Regex CodePattern();
}
