using Microsoft.Extensions.Options;
using MimeKit;

namespace Koperasi.Functions.Statements;

/// <summary>
/// Email mode <c>Outbox</c>: writes each statement as an <c>.eml</c> file (HTML with a plain-text alternative) to
/// <c>{OutboxPath}/{cooperativeId}/{yyyy-MM}/{memberId}.eml</c>, where any mail program opens it. A resend adds
/// <c>{memberId}-2.eml</c> and so on, so the folder shows every email that "went out".
/// </summary>
public sealed class OutboxStatementSender(IOptions<EmailOptions> options) : IStatementSender
{
    public async Task<DeliveryOutcome> SendAsync(StatementEmail email, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress ?? EmailOptions.DefaultOutboxFrom));
        message.To.Add(new MailboxAddress(email.ToName, email.To));
        message.Subject = email.Subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("koperasi.localhost");
        message.Headers.Add("X-Statement-Id", email.StatementId);
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();

        var folder = Path.Combine(Path.GetFullPath(settings.OutboxPath), email.CooperativeId, email.Period);
        Directory.CreateDirectory(folder);
        for (var n = 1; ; n++)
        {
            var path = Path.Combine(folder, n == 1 ? $"{email.MemberId}.eml" : $"{email.MemberId}-{n}.eml");
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                continue;
            }
            await using (file)
            {
                await message.WriteToAsync(file, cancellationToken);
            }
            return DeliveryOutcome.Sent(message.MessageId);
        }
    }
}
