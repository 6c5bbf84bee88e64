using Koperasi.Testing;

namespace Koperasi.WorkerHost.Tests;

/// <summary>
/// Start-up checks in the real worker: Program.cs runs AddKoperasi, whose options are validated at start
/// (ValidateOnStart), so a missing required setting stops the worker before it serves anything, with a message that
/// names it. No storage is needed: the worker must fail before it touches any.
/// </summary>
public sealed class WorkerStartupTests
{
    private static Dictionary<string, string?> SettingsWithout(string name)
    {
        var settings = WorkerHostFixture.Settings(AzuriteProcess.ConnectionStringFor(1, 1, 1));
        Assert.True(settings.Remove(name), name);
        return settings;
    }

    [Theory]
    [InlineData("Platform__AdminKey", "AdminKey")]
    [InlineData("Providers__SecretsKey", "SecretsKey")]
    public async Task Start_WithoutRequiredSetting_FailsNamingIt(string setting, string named)
    {
        var options = new WorkerHostOptions { AppDirectory = WorkerHostFixture.AppDirectory, Settings = SettingsWithout(setting), RunTimers = false };
        var failure = await Assert.ThrowsAsync<WorkerStartException>(async () => await (await FunctionsWorkerHost.StartAsync(options)).DisposeAsync());
        Assert.Contains("exited", failure.Message, StringComparison.Ordinal);
        Assert.Contains(named, failure.WorkerOutput, StringComparison.Ordinal);
    }
}
