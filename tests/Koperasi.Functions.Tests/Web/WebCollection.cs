namespace Koperasi.Functions.Tests.Web;

/// <summary>The page's tests share one Azurite, one LocalHost and one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
