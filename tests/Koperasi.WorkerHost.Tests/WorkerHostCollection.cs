namespace Koperasi.WorkerHost.Tests;

[CollectionDefinition(Name)]
public sealed class WorkerHostCollection : ICollectionFixture<WorkerHostFixture>
{
    public const string Name = "real worker";
}
