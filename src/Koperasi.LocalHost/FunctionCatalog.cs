using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Koperasi.LocalHost;

/// <summary>
/// Finds the app's functions the way the worker's indexer does: public methods with <c>[Function]</c> whose
/// parameter carries a trigger attribute. A trigger this host cannot serve stops the start, naming the function.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionEntry> Discover(Assembly assembly) =>
        assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Function is not null)
            .Select(x => Describe(x.Function!.Name, x.Method))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();

    private static FunctionEntry Describe(string name, MethodInfo method)
    {
        var triggers = method.GetParameters()
            .SelectMany(p => p.GetCustomAttributes().OfType<TriggerBindingAttribute>().Select(a => (Parameter: p, Attribute: (Attribute)a)))
            .ToList();
        if (triggers.Count != 1)
        {
            throw new InvalidOperationException($"Function '{name}' must have exactly one trigger parameter; it has {triggers.Count}.");
        }
        var (parameter, trigger) = triggers[0];
        var kind = trigger switch
        {
            HttpTriggerAttribute => FunctionKind.Http,
            QueueTriggerAttribute => FunctionKind.Queue,
            TimerTriggerAttribute => FunctionKind.Timer,
            _ => throw new NotSupportedException($"Function '{name}' uses {trigger.GetType().Name}, which the LocalHost does not serve."),
        };
        return new FunctionEntry(name, kind, method, parameter, trigger);
    }
}
