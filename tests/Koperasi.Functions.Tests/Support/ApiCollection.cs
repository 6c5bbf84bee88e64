namespace Koperasi.Functions.Tests.Support;

/// <summary>Integration tests share one Azurite and one LocalHost and run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
