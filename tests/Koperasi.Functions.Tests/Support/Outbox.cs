using MimeKit;

namespace Koperasi.Functions.Tests.Support;

/// <summary>Reads what the Outbox sender wrote for one cooperative and period.</summary>
public static class Outbox
{
    public static IReadOnlyList<string> Files(string cooperativeId, string period)
    {
        var folder = Path.Combine(ApiFixture.OutboxPath, cooperativeId, period);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).ToList() : [];
    }

    public static MimeMessage Read(string path) => MimeMessage.Load(path);
}
