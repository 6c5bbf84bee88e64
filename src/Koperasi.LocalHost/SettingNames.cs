using Microsoft.Extensions.Configuration;

namespace Koperasi.LocalHost;

/// <summary>Resolves <c>%Setting%</c> references in trigger attributes from configuration, as the Functions host does.</summary>
public static class SettingNames
{
    public static string Resolve(string value, IConfiguration configuration)
    {
        if (value.Length > 2 && value.StartsWith('%') && value.EndsWith('%'))
        {
            var name = value[1..^1].Replace("__", ":", StringComparison.Ordinal);
            return configuration[name] ?? throw new InvalidOperationException($"Setting '{value[1..^1]}' is referenced by a trigger but not configured.");
        }
        return value;
    }

    /// <summary>
    /// The host's switch <c>AzureWebJobs.&lt;FunctionName&gt;.Disabled</c> (also as <c>AzureWebJobs__&lt;FunctionName&gt;__Disabled</c>):
    /// a disabled function's trigger is not started.
    /// </summary>
    public static bool IsDisabled(string functionName, IConfiguration configuration) =>
        string.Equals(configuration[$"AzureWebJobs.{functionName}.Disabled"] ?? configuration[$"AzureWebJobs:{functionName}:Disabled"], "true", StringComparison.OrdinalIgnoreCase);
}
