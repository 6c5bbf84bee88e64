using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Audit;

/// <summary>
/// The route template of every HTTP function of the app, by function name, read once from the <c>[Function]</c> and
/// <c>[HttpTrigger]</c> attributes: the same under both hosts, so a route added anywhere is named in the audit trail
/// without wiring of its own.
/// </summary>
public static class FunctionRoutes
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Routes = new(Read);

    /// <summary>The template without a leading slash (<c>api/members/{id}</c>), or null for a name that is not an HTTP function.</summary>
    public static string? RouteOf(string function) => Routes.Value.GetValueOrDefault(function);

    /// <summary>The values of the template's whole-segment parameters in <paramref name="path"/> (<c>{cooperativeId}</c> and the like).</summary>
    public static IReadOnlyDictionary<string, string> Values(string template, string path)
    {
        var names = template.Split('/');
        var parts = path.Trim('/').Split('/');
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(names.Length, parts.Length); i++)
        {
            if (names[i].Length > 2 && names[i][0] == '{' && names[i][^1] == '}')
            {
                values[names[i][1..^1]] = Uri.UnescapeDataString(parts[i]);
            }
        }
        return values;
    }

    private static IReadOnlyDictionary<string, string> Read() =>
        typeof(FunctionRoutes).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(),
                Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .ToDictionary(f => f.Function!.Name, f => (f.Trigger!.Route ?? f.Function!.Name).TrimStart('/'), StringComparer.Ordinal);
}
