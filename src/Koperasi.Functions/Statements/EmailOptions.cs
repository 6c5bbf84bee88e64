namespace Koperasi.Functions.Statements;

/// <summary>Settings section <c>Email</c>: the mode, the sender, and each mode's own settings. Validated at start.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";
    public const string DefaultOutboxFrom = "laporan@koperasi.localhost";

    public EmailMode Mode { get; set; } = EmailMode.Outbox;

    /// <summary>Outbox mode: the folder for <c>.eml</c> files (relative to the working directory).</summary>
    public string OutboxPath { get; set; } = ".local/outbox";

    /// <summary>SendGrid mode: required; a missing key fails the start, not the 1st of next month.</summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>SendGrid's API base address; tests point it at a fake server on loopback.</summary>
    public string SendGridHost { get; set; } = "https://api.sendgrid.com";

    public int SendGridTimeoutSeconds { get; set; } = 30;

    /// <summary>The sender; in SendGrid mode a verified sender is required.</summary>
    public string? FromAddress { get; set; }

    public string FromName { get; set; } = "Koperasi";

    public IEnumerable<string> Problems()
    {
        if (Mode == EmailMode.SendGrid)
        {
            if (string.IsNullOrWhiteSpace(SendGridApiKey))
            {
                yield return "Email:Mode is SendGrid but Email:SendGridApiKey is not set.";
            }
            if (string.IsNullOrWhiteSpace(FromAddress))
            {
                yield return "Email:Mode is SendGrid but Email:FromAddress (a verified sender) is not set.";
            }
            if (!Uri.TryCreate(SendGridHost, UriKind.Absolute, out _))
            {
                yield return "Email:SendGridHost must be an absolute URL.";
            }
        }
        if (Mode == EmailMode.Outbox && string.IsNullOrWhiteSpace(OutboxPath))
        {
            yield return "Email:OutboxPath must name a folder.";
        }
        if (SendGridTimeoutSeconds is < 1 or > 300)
        {
            yield return "Email:SendGridTimeoutSeconds must be between 1 and 300.";
        }
    }
}
