using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Koperasi.LocalHost;

/// <summary>
/// Calls a function method the way the worker does: a new instance per invocation from the app's services,
/// the trigger value, <see cref="FunctionContext"/>, <see cref="CancellationToken"/> and route values bound by name.
/// </summary>
public sealed class FunctionInvoker(IServiceProvider services)
{
    public async Task<object?> InvokeAsync(FunctionEntry function, object? triggerValue, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var context = new LocalFunctionContext(function.Name, provider, httpContext, cancellationToken);
        var arguments = function.Method.GetParameters().Select(p => Bind(function, p, triggerValue, context, httpContext, cancellationToken)).ToArray();
        var target = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(provider, function.Method.DeclaringType!);
        object? result;
        try
        {
            result = function.Method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        return await Unwrap(result, function.Method.ReturnType);
    }

    /// <summary>Fails at start, naming the function, for a parameter this host could not bind.</summary>
    public static void CheckBindable(FunctionEntry function)
    {
        foreach (var p in function.Method.GetParameters())
        {
            var ok = p == function.TriggerParameter || p.ParameterType == typeof(FunctionContext) || p.ParameterType == typeof(CancellationToken)
                || (function.Kind == FunctionKind.Http && p.ParameterType == typeof(string));
            if (!ok)
            {
                throw new NotSupportedException($"Function '{function.Name}': the LocalHost cannot bind parameter '{p.Name}' of type {p.ParameterType.Name}.");
            }
        }
    }

    private static object? Bind(FunctionEntry function, ParameterInfo p, object? triggerValue, FunctionContext context, HttpContext? http, CancellationToken ct)
    {
        if (p == function.TriggerParameter)
        {
            return triggerValue;
        }
        if (p.ParameterType == typeof(FunctionContext))
        {
            return context;
        }
        if (p.ParameterType == typeof(CancellationToken))
        {
            return ct;
        }
        return http?.Request.RouteValues.TryGetValue(p.Name!, out var value) == true ? value?.ToString() : null;
    }

    private static async Task<object?> Unwrap(object? result, Type declared)
    {
        if (result is not Task task)
        {
            return result;
        }
        await task;
        return declared.IsGenericType ? declared.GetProperty("Result")!.GetValue(task) : null;
    }
}
