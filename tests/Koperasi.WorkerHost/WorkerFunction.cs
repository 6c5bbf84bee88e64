using Koperasi.WorkerHost.Rpc;

namespace Koperasi.WorkerHost;

/// <summary>A function the worker indexed and loaded: its id, entry point and declared bindings.</summary>
public sealed record WorkerFunction(string Name, string FunctionId, string EntryPoint, string ScriptFile, IReadOnlyList<WorkerBinding> Bindings)
{
    public WorkerBinding Trigger => Bindings.Single(b => b.IsTrigger && b.Direction.Equals("In", StringComparison.OrdinalIgnoreCase));

    public static WorkerFunction From(RpcFunctionMetadata metadata) =>
        new(metadata.Name, metadata.FunctionId, metadata.EntryPoint, metadata.ScriptFile, metadata.RawBindings.Select(WorkerBinding.Parse).ToList());

    /// <summary>The load request the host sends for it: the metadata back, with each binding as BindingInfo.</summary>
    public FunctionLoadRequest ToLoadRequest(string appDirectory)
    {
        var metadata = new RpcFunctionMetadata
        {
            Name = Name,
            FunctionId = FunctionId,
            Directory = appDirectory,
            EntryPoint = EntryPoint,
            ScriptFile = ScriptFile,
            IsProxy = false,
            Language = "dotnet-isolated",
        };
        foreach (var binding in Bindings)
        {
            var info = new BindingInfo
            {
                Type = binding.Type,
                Direction = binding.Direction.ToLowerInvariant() switch
                {
                    "out" => BindingInfo.Types.Direction.Out,
                    "inout" => BindingInfo.Types.Direction.Inout,
                    _ => BindingInfo.Types.Direction.In,
                },
            };
            metadata.Bindings.Add(binding.Name, info);
            metadata.RawBindings.Add(binding.Raw.ToJsonString());
        }
        return new FunctionLoadRequest { FunctionId = FunctionId, Metadata = metadata };
    }

    public override string ToString() =>
        $"{Name}: " + string.Join(", ", Bindings.Select(b => $"{b.Type} {b.Direction.ToLowerInvariant()} '{b.Name}'" + Detail(b)));

    private static string Detail(WorkerBinding b) => b.Type switch
    {
        "httpTrigger" => $" {string.Join('|', b.GetList("methods")).ToUpperInvariant()} {b.Get("route")}",
        "queueTrigger" => $" queue {b.Get("queueName")}" + (b.SupportsDeferredBinding ? " (deferred binding)" : ""),
        "timerTrigger" => $" schedule {b.Get("schedule")}",
        _ => "",
    };
}
