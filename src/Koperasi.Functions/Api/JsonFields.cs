using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Koperasi.Functions.Api;

/// <summary>
/// Reads the fields of one JSON object strictly (right JSON type, no unknown fields) and collects
/// every problem by field name, so a caller learns all that is wrong in one answer.
/// </summary>
public sealed partial class JsonFields
{
    private readonly JsonElement element;
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public JsonFields(JsonElement element, params string[] knownFields)
    {
        this.element = element;
        if (element.ValueKind != JsonValueKind.Object)
        {
            Add("$", "must be a JSON object");
            return;
        }
        foreach (var property in element.EnumerateObject())
        {
            if (!knownFields.Contains(property.Name, StringComparer.Ordinal))
            {
                Add(property.Name, "is not a known field");
            }
        }
    }

    public bool IsValid => errors.Count == 0;

    public IReadOnlyDictionary<string, string[]> Errors => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }
        list.Add(message);
    }

    public string? String(string name, bool required, int maxLength, Regex? pattern = null, string? patternMessage = null)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Add(name, "must be a string");
            return null;
        }
        var text = value.GetString()!;
        if (required && text.Length == 0)
        {
            Add(name, "must not be empty");
            return null;
        }
        if (text.Length > maxLength)
        {
            Add(name, $"must be at most {maxLength} characters");
            return null;
        }
        if (pattern is not null && !pattern.IsMatch(text))
        {
            Add(name, patternMessage ?? "has an invalid format");
            return null;
        }
        return text;
    }

    public string? OneOf(string name, bool required, IReadOnlyCollection<string> allowed)
    {
        var text = String(name, required, 64);
        if (text is not null && !allowed.Contains(text))
        {
            Add(name, $"must be one of: {string.Join(", ", allowed)}");
            return null;
        }
        return text;
    }

    /// <summary>A whole number of rupiah written as a JSON integer (no fraction, no exponent, no string).</summary>
    public long? Rupiah(string name, bool required, long min, long max) =>
        WholeNumber(name, required, min, max, "(whole rupiah)", "of rupiah ");

    /// <summary>A count or rate (months, days, basis points) written as a JSON integer (no fraction, no exponent, no string).</summary>
    public int? Integer(string name, bool required, int min, int max) =>
        (int?)WholeNumber(name, required, min, max, "(an integer)", "");

    // Never negative: every whole number the API takes is an amount, a count or a rate.
    private long? WholeNumber(string name, bool required, long min, long max, string kind, string unit)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number)
        {
            Add(name, $"must be a JSON number {kind}, not a " + KindName(value.ValueKind));
            return null;
        }
        var raw = value.GetRawText();
        if (!DigitsOnly().IsMatch(raw.TrimStart('-')))
        {
            Add(name, $"must be a whole number {unit}(no fraction or exponent)");
            return null;
        }
        if (raw.StartsWith('-') || !long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            Add(name, $"must be between {min.ToString("N0", CultureInfo.InvariantCulture)} and {max.ToString("N0", CultureInfo.InvariantCulture)}");
            return null;
        }
        return number;
    }

    /// <summary>A calendar date, <c>yyyy-MM-dd</c> (in the cooperative's time zone).</summary>
    public DateOnly? Date(string name, bool required)
    {
        var text = String(name, required, 10);
        if (text is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Add(name, "must be a calendar date like 2026-10-31");
            return null;
        }
        return date;
    }

    /// <summary>An ISO 8601 instant that carries its offset (<c>Z</c> or <c>+08:00</c>).</summary>
    public DateTimeOffset? Instant(string name, bool required)
    {
        var text = String(name, required, 40);
        if (text is null)
        {
            return null;
        }
        if (!InstantWithOffset().IsMatch(text) ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            Add(name, "must be an ISO 8601 date and time with an offset, such as 2026-10-31T09:30:00+08:00");
            return null;
        }
        return instant;
    }

    public string? TimeZone(string name, bool required, string fallback)
    {
        if (!element.TryGetProperty(name, out _) && !required)
        {
            return fallback;
        }
        var text = String(name, required, 64);
        if (text is null)
        {
            return null;
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(text, out _))
        {
            Add(name, "must be an IANA time zone such as Asia/Makassar, Asia/Jakarta or Asia/Jayapura");
            return null;
        }
        return text;
    }

    public void ThrowIfInvalid(string code = "validation_failed", string detail = "One or more fields are not valid.")
    {
        if (!IsValid)
        {
            throw new ApiProblemException(ApiProblem.Validation(code, detail, Errors));
        }
    }

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        value = default;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Add(name, "is required");
            }
            return false;
        }
        return true;
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => kind.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex DigitsOnly();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantWithOffset();
}
