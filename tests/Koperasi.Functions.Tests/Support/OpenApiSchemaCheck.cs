using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace Koperasi.Functions.Tests.Support;

/// <summary>
/// Checks a JSON answer against a schema of openapi.yaml: types, const and enum, required and undocumented
/// properties, items, allOf and oneOf, patterns. Enough to catch a document that drifts from the app's answers.
/// </summary>
public static class OpenApiSchemaCheck
{
    public static IReadOnlyList<string> Errors(IOpenApiSchema schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(schema, value, "$", errors);
        return errors;
    }

    private static void Check(IOpenApiSchema schema, JsonElement value, string at, List<string> errors)
    {
        if (schema.Type is { } type && !Allows(type, value))
        {
            errors.Add($"{at}: {value.ValueKind} is not {type}");
            return;
        }
        if (schema.Const is { } constant && (value.ValueKind != JsonValueKind.String || value.GetString() != constant))
        {
            errors.Add($"{at}: must be '{constant}', is {value.GetRawText()}");
        }
        if (schema.Enum is { Count: > 0 } values && !values.Any(v => v?.ToJsonString() == value.GetRawText()))
        {
            errors.Add($"{at}: {value.GetRawText()} is not one of {string.Join(", ", values.Select(v => v?.ToJsonString()))}");
        }
        if (schema.Pattern is { } pattern && value.ValueKind == JsonValueKind.String && !Regex.IsMatch(value.GetString()!, pattern))
        {
            errors.Add($"{at}: '{value.GetString()}' does not match {pattern}");
        }
        foreach (var part in schema.AllOf ?? [])
        {
            Check(part, value, at, errors);
        }
        if (schema.OneOf is { Count: > 0 } choices)
        {
            var matching = choices.Count(c => Errors(c, value).Count == 0);
            if (matching != 1)
            {
                errors.Add($"{at}: matches {matching} of the oneOf schemas, not exactly one");
            }
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(schema, value, at, errors);
        }
        if (value.ValueKind == JsonValueKind.Array && schema.Items is { } items)
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{at}[{i++}]", errors);
            }
        }
    }

    private static void CheckObject(IOpenApiSchema schema, JsonElement value, string at, List<string> errors)
    {
        foreach (var name in schema.Required ?? new HashSet<string>())
        {
            if (!value.TryGetProperty(name, out _))
            {
                errors.Add($"{at}: required property '{name}' is missing");
            }
        }
        foreach (var property in value.EnumerateObject())
        {
            if (schema.Properties?.TryGetValue(property.Name, out var propertySchema) == true)
            {
                Check(propertySchema, property.Value, $"{at}.{property.Name}", errors);
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                Check(additional, property.Value, $"{at}.{property.Name}", errors);
            }
            else if (!schema.AdditionalPropertiesAllowed)
            {
                errors.Add($"{at}: property '{property.Name}' is not documented");
            }
        }
    }

    private static bool Allows(JsonSchemaType type, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => type.HasFlag(JsonSchemaType.Object),
        JsonValueKind.Array => type.HasFlag(JsonSchemaType.Array),
        JsonValueKind.String => type.HasFlag(JsonSchemaType.String),
        JsonValueKind.Number => type.HasFlag(JsonSchemaType.Number) || (type.HasFlag(JsonSchemaType.Integer) && value.TryGetInt64(out _)),
        JsonValueKind.True or JsonValueKind.False => type.HasFlag(JsonSchemaType.Boolean),
        JsonValueKind.Null => type.HasFlag(JsonSchemaType.Null),
        _ => false,
    };
}
