using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;
using SendGrid.Helpers.Reliability;

namespace Koperasi.Functions.Statements;

/// <summary>
/// Email mode <c>SendGrid</c>: v3 Mail Send through the SendGrid client, with our own retries (its built-in ones skip
/// 429): a 429 waits for <c>X-RateLimit-Reset</c>; a 5xx or a timeout backs off and tries again; any other 4xx is a
/// failure carrying SendGrid's message. Only opaque ids go into categories and custom args.
/// </summary>
public sealed partial class SendGridStatementSender : IStatementSender, IDisposable
{
    public const int MaxAttempts = 5;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRateLimitWait = TimeSpan.FromMinutes(2);

    private readonly EmailOptions settings;
    private readonly TimeProvider time;
    private readonly ILogger<SendGridStatementSender> logger;
    private readonly HttpClient http;
    private readonly SendGridClient client;

    public SendGridStatementSender(IOptions<EmailOptions> options, TimeProvider time, ILogger<SendGridStatementSender> logger)
    {
        settings = options.Value;
        this.time = time;
        this.logger = logger;
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(settings.SendGridTimeoutSeconds),
        };
        client = new SendGridClient(http, new SendGridClientOptions
        {
            ApiKey = settings.SendGridApiKey,
            Host = settings.SendGridHost.TrimEnd('/'),
            HttpErrorAsException = false,
            ReliabilitySettings = new ReliabilitySettings(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero),
        });
    }

    public async Task<DeliveryOutcome> SendAsync(StatementEmail email, CancellationToken cancellationToken = default)
    {
        var message = Build(email);
        var backoff = FirstBackoff;
        var mayHaveArrived = false;
        string lastError = "";
        TimeSpan? wait = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (wait is { } pause)
            {
                await Task.Delay(pause, time, cancellationToken);
            }
            Response response;
            try
            {
                response = await client.SendEmailAsync(message, cancellationToken);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The request may have reached SendGrid: remember that, whatever the later attempts say.
                mayHaveArrived = true;
                lastError = $"SendGrid did not answer within {settings.SendGridTimeoutSeconds} s.";
                LogRetry(logger, email.StatementId, attempt, "timeout");
                (wait, backoff) = (backoff, backoff * 2);
                continue;
            }
            catch (HttpRequestException e)
            {
                // Only a failed connect proves nothing was sent; a connection lost mid-request is as unclear as a timeout.
                mayHaveArrived |= e.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError);
                lastError = $"SendGrid could not be reached: {e.Message}";
                LogRetry(logger, email.StatementId, attempt, "connection");
                (wait, backoff) = (backoff, backoff * 2);
                continue;
            }

            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var id = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
                return DeliveryOutcome.Sent(id ?? "sendgrid:" + email.StatementId);
            }
            var detail = await ErrorMessageAsync(response);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                lastError = $"SendGrid 429: {detail}";
                LogRetry(logger, email.StatementId, attempt, "rate_limited");
                wait = RateLimitWait(response);
                continue;
            }
            if (status >= 500)
            {
                lastError = $"SendGrid {status}: {detail}";
                LogRetry(logger, email.StatementId, attempt, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                (wait, backoff) = (backoff, backoff * 2);
                continue;
            }
            return DeliveryOutcome.Failed($"SendGrid {status}: {detail}");
        }
        return mayHaveArrived
            ? DeliveryOutcome.Unknown($"{lastError} An earlier attempt got no answer, so SendGrid may have accepted it; check before resending.")
            : DeliveryOutcome.Failed($"{lastError} (gave up after {MaxAttempts} attempts)");
    }

    private SendGridMessage Build(StatementEmail email)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(settings.FromAddress, settings.FromName),
            Subject = email.Subject,
            PlainTextContent = email.Text,
            HtmlContent = email.Html,
        };
        message.AddTo(new EmailAddress(email.To, email.ToName));
        // Visible to the provider's staff: opaque ids only, never names or member numbers.
        message.AddCategory("member-statement");
        message.AddCustomArg("statement_id", email.StatementId);
        message.AddCustomArg("cooperative_id", email.CooperativeId);
        message.AddCustomArg("period", email.Period);
        return message;
    }

    private TimeSpan RateLimitWait(Response response)
    {
        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values) &&
            long.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow();
            return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > LongestRateLimitWait ? LongestRateLimitWait : wait;
        }
        return TimeSpan.FromSeconds(1);
    }

    private static async Task<string> ErrorMessageAsync(Response response)
    {
        var body = response.Body is null ? "" : await response.Body.ReadAsStringAsync();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var messages = errors.EnumerateArray()
                    .Select(e => e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null)
                    .Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
                if (messages.Count > 0)
                {
                    return string.Join("; ", messages);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: use the text as it is.
        }
        body = body.Trim();
        return body.Length == 0 ? response.StatusCode.ToString() : body.Length > 500 ? body[..500] : body;
    }

    public void Dispose() => http.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid attempt {Attempt} for statement {StatementId} did not go through ({Why}); trying again")]
    private static partial void LogRetry(ILogger logger, string statementId, int attempt, string why);
}
