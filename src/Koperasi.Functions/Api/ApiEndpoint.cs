using System.Net.Http;
using System.Runtime.CompilerServices;
using Azure;
using Koperasi.Functions.Access;
using Koperasi.Functions.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Koperasi.Functions.Api;

/// <summary>
/// The one place that authenticates a request and maps failures to problem responses. It runs inside each
/// HTTP function, so both hosts (the Functions worker and the LocalHost) behave the same.
/// </summary>
public sealed partial class ApiEndpoint(CallerAuthenticator authenticator, ILogger<ApiEndpoint> logger, RequestAudit? audit = null)
{
    /// <summary>
    /// Authenticates, checks the role (a supervisor may read everything and change nothing), runs the action and
    /// records a successful change in the audit trail under the calling function's route (<see cref="RequestAudit"/>).
    /// </summary>
    public Task<IActionResult> RunAsync(HttpRequest request, Role required, Func<Caller, Task<IActionResult>> action, [CallerMemberName] string function = "")
        => GuardAsync(request, async () =>
        {
            var caller = await authenticator.AuthenticateAsync(request, request.HttpContext.RequestAborted);
            if (caller is null)
            {
                return ApiResults.Problem(ApiProblem.Unauthorized());
            }
            if (caller.Role == Role.Supervisor && RequestAudit.Changes(request))
            {
                return ApiResults.Problem(ApiProblem.Forbidden("A supervisor key reads everything and changes nothing."));
            }
            if (!caller.May(required))
            {
                return ApiResults.Problem(ApiProblem.Forbidden($"This needs a key with the '{required.ToString().ToLowerInvariant()}' role."));
            }
            var result = await action(caller);
            if (audit is not null)
            {
                await audit.RecordAsync(request, function, result, caller);
            }
            return result;
        });

    public Task<IActionResult> RunAsPlatformAdminAsync(HttpRequest request, Func<Task<IActionResult>> action, [CallerMemberName] string function = "")
        => GuardAsync(request, async () =>
        {
            if (!authenticator.IsPlatformAdmin(request))
            {
                return ApiResults.Problem(ApiProblem.Unauthorized("Send 'Authorization: Bearer <platform admin key>'."));
            }
            var result = await action();
            if (audit is not null)
            {
                await audit.RecordPlatformAsync(request, function, result);
            }
            return result;
        });

    /// <summary>No key: health, the page, and the providers' webhooks (signed by the provider), whose changes are recorded as the provider's.</summary>
    public Task<IActionResult> RunAnonymousAsync(HttpRequest request, Func<Task<IActionResult>> action, [CallerMemberName] string function = "")
        => GuardAsync(request, async () =>
        {
            var result = await action();
            if (audit is not null)
            {
                await audit.RecordAnonymousAsync(request, function, result);
            }
            return result;
        });

    private async Task<IActionResult> GuardAsync(HttpRequest request, Func<Task<IActionResult>> action)
    {
        try
        {
            return await action();
        }
        catch (ApiProblemException e)
        {
            return ApiResults.Problem(e.Problem);
        }
        catch (BadHttpRequestException e)
        {
            return ApiResults.Problem(e.StatusCode == 413
                ? ApiProblem.PayloadTooLarge(RequestBody.MaxBytes)
                : ApiProblem.BadRequest("bad_request", "The request could not be read."));
        }
        catch (Exception e) when (IsStorageUnavailable(e))
        {
            LogStorageUnavailable(logger, e, request.Path);
            return ApiResults.Problem(ApiProblem.ServiceUnavailable("storage_unavailable", "Storage is unreachable right now; nothing was changed that you were told about. Try again shortly."));
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return new EmptyResult();
        }
        catch (Exception e)
        {
            LogUnexpected(logger, e, request.Path);
            return ApiResults.Problem(ApiProblem.Internal());
        }
    }

    public static bool IsStorageUnavailable(Exception e) => e switch
    {
        RequestFailedException { Status: 0 or 503 } => true,
        HttpRequestException => true,
        AggregateException a => a.InnerExceptions.All(IsStorageUnavailable),
        _ => e.InnerException is not null && IsStorageUnavailable(e.InnerException),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while serving {Path}")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error while serving {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string path);
}
