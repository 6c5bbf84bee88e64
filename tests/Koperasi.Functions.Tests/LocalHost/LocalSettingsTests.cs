using Koperasi.LocalHost;

namespace Koperasi.Functions.Tests.LocalHost;

public sealed class LocalSettingsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("koperasi-settings-").FullName;

    [Fact]
    public void Layered_LocalFileOverTheSample_KeepsSampleSettingsTheLocalFileLacks()
    {
        Write("local.settings.sample.json", """{"Values":{"Platform__AdminKey":"sample-key","Providers__SecretsKey":"added-later"}}""");
        Write("local.settings.json", """{"Values":{"Platform__AdminKey":"my-key"}}""");

        var settings = LocalSettings.Layered(null, folder);

        Assert.Equal("my-key", settings["Platform:AdminKey"]);
        Assert.Equal("added-later", settings["Providers:SecretsKey"]);
    }

    [Fact]
    public void Layered_ExplicitFile_IsTheOnlySource()
    {
        Write("local.settings.sample.json", """{"Values":{"A":"sample"}}""");
        Write("other.json", """{"Values":{"B":"other"}}""");

        var settings = LocalSettings.Layered(Path.Combine(folder, "other.json"), folder);

        Assert.False(settings.ContainsKey("A"));
        Assert.Equal("other", settings["B"]);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void Write(string name, string json) => File.WriteAllText(Path.Combine(folder, name), json);
}
