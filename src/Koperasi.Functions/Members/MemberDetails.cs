using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Members;

/// <summary>The editable fields of a member, read from a request body.</summary>
public sealed partial record MemberDetails(string Name, string? Email, string? Phone, DateTimeOffset? JoinedAt)
{
    public static (string? Id, MemberDetails Details) Read(JsonElement body, bool withId)
    {
        var fields = withId
            ? new JsonFields(body, "id", "name", "email", "phone", "joinedAt")
            : new JsonFields(body, "name", "email", "phone", "joinedAt");
        var id = withId ? fields.String("id", required: true, maxLength: 32, MemberId.Pattern(), MemberId.Rule) : null;
        var name = fields.String("name", required: true, maxLength: 200);
        var email = fields.String("email", required: false, maxLength: 254, EmailPattern(), "must be an email address");
        var phone = fields.String("phone", required: false, maxLength: 32, PhonePattern(), "must be a phone number such as +6281234567890");
        var joinedAt = fields.Instant("joinedAt", required: false);
        if (name is not null && name.Trim().Length == 0)
        {
            fields.Add("name", "must not be blank");
        }
        fields.ThrowIfInvalid();
        return (id, new MemberDetails(name!.Trim(), email, phone, joinedAt));
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ()-]{6,32}$")]
    private static partial Regex PhonePattern();
}
