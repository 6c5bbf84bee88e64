using System.Text.Json;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Access;

/// <summary>The body of <c>POST /api/keys</c>: a name (at most 100 characters) and a role; anything else is a validation problem.</summary>
public sealed record KeyRequest(string Name, Role Role)
{
    private static readonly string[] Roles = ["reader", "teller", "admin", "supervisor"];

    public static KeyRequest Read(JsonElement body)
    {
        var fields = new JsonFields(body, "name", "role");
        var name = fields.String("name", required: true, maxLength: 100);
        var role = fields.OneOf("role", required: true, Roles);
        fields.ThrowIfInvalid();
        return new KeyRequest(name!, Enum.Parse<Role>(role!, ignoreCase: true));
    }
}
