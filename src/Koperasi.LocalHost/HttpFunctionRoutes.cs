using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.LocalHost;

/// <summary>Maps each HTTP-triggered function to Kestrel at <c>/{routePrefix}/{route}</c> with its methods.</summary>
public static class HttpFunctionRoutes
{
    private static readonly string[] AllMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public static string Pattern(FunctionEntry function, string routePrefix)
    {
        var route = ((HttpTriggerAttribute)function.Trigger).Route ?? function.Name;
        return routePrefix.Length == 0 ? "/" + route : $"/{routePrefix}/{route}";
    }

    public static IReadOnlyList<string> Methods(FunctionEntry function) =>
        ((HttpTriggerAttribute)function.Trigger).Methods?.Select(m => m.ToUpperInvariant()).ToArray() ?? AllMethods;

    public static void Map(WebApplication app, IEnumerable<FunctionEntry> functions, string routePrefix)
    {
        foreach (var function in functions.Where(f => f.Kind == FunctionKind.Http))
        {
            if (function.TriggerParameter.ParameterType != typeof(HttpRequest))
            {
                throw new NotSupportedException($"Function '{function.Name}': HTTP functions take HttpRequest (the ASP.NET Core integration) under the LocalHost.");
            }
            app.MapMethods(Pattern(function, routePrefix), Methods(function), (HttpContext context) => ServeAsync(function, context))
               .WithDisplayName(function.Name);
        }
    }

    private static async Task ServeAsync(FunctionEntry function, HttpContext context)
    {
        var invoker = context.RequestServices.GetRequiredService<FunctionInvoker>();
        var result = await invoker.InvokeAsync(function, context.Request, context, context.RequestAborted);
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(context);
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                await context.Response.WriteAsJsonAsync(result, context.RequestAborted);
                break;
        }
    }
}
