using Grpc.Core;
using Koperasi.WorkerHost.Rpc;

namespace Koperasi.WorkerHost;

/// <summary>The <c>FunctionRpc</c> service the worker connects to: its one bidirectional stream goes to the channel.</summary>
public sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
        => channel.RunAsync(requestStream, responseStream, context);
}
