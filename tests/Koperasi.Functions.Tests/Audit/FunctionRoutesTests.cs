using System.Reflection;
using Koperasi.Functions.Audit;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Tests.Audit;

/// <summary>
/// The audit trail names a change by its route template, found from the calling method's name: that holds only while
/// every HTTP function is named after its method (<c>[Function(nameof(X))]</c>), which this checks for every function, those added later included.
/// </summary>
public sealed class FunctionRoutesTests
{
    public static TheoryData<string> HttpFunctions => new(typeof(FunctionRoutes).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods())
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && m.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null))
        .Select(m => $"{m.DeclaringType!.Name}.{m.Name}"));

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void RouteOf_EveryHttpFunction_IsFoundByItsMethodName(string function)
    {
        var method = function[(function.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var declared = typeof(FunctionRoutes).Assembly.GetTypes().SelectMany(t => t.GetMethods()).Single(m => $"{m.DeclaringType!.Name}.{m.Name}" == function);

        Assert.Equal(method, declared.GetCustomAttribute<FunctionAttribute>()!.Name);
        Assert.Equal(declared.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).Single(a => a is not null)!.Route, FunctionRoutes.RouteOf(method));
    }

    [Fact]
    public void Values_WebhookPath_GivesTheCooperativeAndTheName() =>
        Assert.Equal(new Dictionary<string, string> { ["cooperativeId"] = "k123", ["name"] = "koperasi_pay" },
            FunctionRoutes.Values("api/webhooks/standard/{cooperativeId}/{name}", "/api/webhooks/standard/k123/koperasi_pay"));
}
