using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Koperasi.LocalHost;

/// <summary>Just enough of <see cref="FunctionContext"/> for <c>GetLogger</c> and <c>GetHttpContext()</c>.</summary>
internal sealed class LocalFunctionContext : FunctionContext
{
    public LocalFunctionContext(string functionName, IServiceProvider services, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        FunctionDefinition = new LocalFunctionDefinition(functionName);
        InstanceServices = services;
        CancellationToken = cancellationToken;
        if (httpContext is not null)
        {
            Items["HttpRequestContext"] = httpContext;
        }
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();
    public override string FunctionId => FunctionDefinition.Id;
    public override TraceContext TraceContext => throw new NotSupportedException("The LocalHost carries no trace context.");
    public override BindingContext BindingContext => throw new NotSupportedException("The LocalHost binds parameters itself.");
    public override RetryContext RetryContext => throw new NotSupportedException("The LocalHost has no retry context.");
    public override IServiceProvider InstanceServices { get; set; }
    public override FunctionDefinition FunctionDefinition { get; }
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
    public override IInvocationFeatures Features => throw new NotSupportedException("The LocalHost has no invocation features.");
    public override CancellationToken CancellationToken { get; }

    private sealed class LocalFunctionDefinition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];
        public override string PathToAssembly => typeof(Koperasi.Functions.KoperasiServiceCollectionExtensions).Assembly.Location;
        public override string EntryPoint => name;
        public override string Id => name;
        public override string Name => name;
        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
