using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Koperasi.Functions.Api;

namespace Koperasi.Functions.Webhooks;

/// <summary>
/// Reads the fields we use from a provider's JSON, strictly for those (type, amount, time) and leniently for the
/// rest: providers add fields over time, and a new field must not turn a payment away.
/// </summary>
public sealed partial class ProviderFields(JsonElement root)
{
    private static readonly TimeSpan WesternIndonesia = TimeSpan.FromHours(7);
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public JsonElement Root => root;

    public static ProviderFields Of(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("malformed_json", "The notification must be a JSON object."));
        }
        return new ProviderFields(root);
    }

    public bool Has(string path) => Find(path) is not null;

    /// <summary>A string (or a number, as written: some providers send ids as numbers).</summary>
    public string? String(string path, bool required, int maxLength = 256)
    {
        if (Find(path) is not { } value)
        {
            return Missing<string>(path, required);
        }
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (string.IsNullOrEmpty(text) || text.Length > maxLength)
        {
            Add(path, $"must be a non-empty string of at most {maxLength} characters");
            return null;
        }
        return text;
    }

    /// <summary>Whole rupiah: <c>24145</c>, <c>"24145"</c> or <c>"24145.00"</c>; any other fraction is refused.</summary>
    public long? Amount(string path, bool required)
    {
        if (Find(path) is not { } value)
        {
            return Missing<long?>(path, required);
        }
        if (TryAmount(value, out var amount))
        {
            return amount;
        }
        Add(path, "must be whole rupiah, such as 24145 or \"24145.00\"; other fractions are not accepted");
        return null;
    }

    /// <summary>Midtrans' <c>yyyy-MM-dd HH:mm:ss</c>, which is Western Indonesian time (GMT+7).</summary>
    public DateTimeOffset? JakartaTime(string path, bool required)
    {
        var text = String(path, required, 40);
        if (text is null)
        {
            return null;
        }
        if (DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, WesternIndonesia);
        }
        Add(path, "must be a time like 2026-10-31 16:30:00 (GMT+7)");
        return null;
    }

    /// <summary>An ISO 8601 instant; without an offset it is UTC (Xendit's times are UTC).</summary>
    public DateTimeOffset? Instant(string path, bool required)
    {
        var text = String(path, required, 40);
        if (text is null)
        {
            return null;
        }
        if (IsoInstant().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }
        Add(path, "must be an ISO 8601 time such as 2026-10-31T08:30:00Z");
        return null;
    }

    public IEnumerable<JsonElement> Array(string path) =>
        Find(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }
        list.Add(message);
    }

    public void ThrowIfInvalid()
    {
        if (errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.Validation("invalid_notification", "The notification is not valid.",
                errors.ToDictionary(e => e.Key, e => e.Value.ToArray())));
        }
    }

    public static bool TryAmount(JsonElement value, out long amount)
    {
        amount = 0;
        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
        var match = text is null ? null : WholeRupiah().Match(text);
        return match is { Success: true } &&
            long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out amount) && amount > 0;
    }

    private JsonElement? Find(string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }
        return current.ValueKind == JsonValueKind.Null ? null : current;
    }

    private T? Missing<T>(string path, bool required)
    {
        if (required)
        {
            Add(path, "is required");
        }
        return default;
    }

    [GeneratedRegex(@"^([0-9]{1,15})(\.0+)?$")]
    private static partial Regex WholeRupiah();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex IsoInstant();
}
