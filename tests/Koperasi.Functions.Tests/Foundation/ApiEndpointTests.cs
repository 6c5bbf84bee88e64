using System.Net.Http;
using Azure;
using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Koperasi.Functions.Storage;
using Koperasi.Functions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Koperasi.Functions.Tests.Foundation;

/// <summary>The auth and error mapping every HTTP function runs inside, with no host and no storage.</summary>
public sealed class ApiEndpointTests
{
    private const string PlatformKey = "unit-test-platform-admin-key-0123";

    private static readonly Dictionary<string, (Func<Exception> Throw, int Status, string Code)> Failures = new()
    {
        ["problem"] = (() => new ApiProblemException(ApiProblem.Conflict("member_exists", "taken")), 409, "member_exists"),
        ["body too large"] = (() => new BadHttpRequestException("too large", 413), 413, "payload_too_large"),
        ["unreadable body"] = (() => new BadHttpRequestException("bad", 400), 400, "bad_request"),
        ["storage 503"] = (() => new RequestFailedException(503, "busy"), 503, "storage_unavailable"),
        ["storage unreachable"] = (() => new RequestFailedException(0, "no answer"), 503, "storage_unavailable"),
        ["connection refused"] = (() => new HttpRequestException("refused"), 503, "storage_unavailable"),
        ["wrapped connection refused"] = (() => new AggregateException(new HttpRequestException("refused")), 503, "storage_unavailable"),
        ["storage 400"] = (() => new RequestFailedException(400, "OutOfRangeInput"), 500, "internal_error"),
        ["bug"] = (() => new InvalidOperationException("secret detail at Koperasi.Functions.Something"), 500, "internal_error"),
    };

    public static TheoryData<string> FailureNames => new(Failures.Keys);

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer kop_not_a_key")]
    [InlineData("Token kop_kabc_key1_0123456789abcdef0123456789abcdef0123456789abcdef")]
    public async Task RunAsync_NoWellFormedKey_Answers401WithoutRunningTheAction(string? authorization)
    {
        var ran = false;

        var result = await ExecutedResult.ExecuteAsync(await Endpoint().RunAsync(Request(authorization), Role.Reader, _ =>
        {
            ran = true;
            return Task.FromResult(ApiResults.NoContent());
        }));

        Assert.Equal(401, result.Status);
        Assert.Equal("unauthorized", result.Json.GetProperty("code").GetString());
        Assert.False(ran);
    }

    [Fact]
    public async Task RunAsPlatformAdminAsync_PlatformKey_RunsTheAction()
    {
        var result = await ExecutedResult.ExecuteAsync(await Endpoint().RunAsPlatformAdminAsync(Request("Bearer " + PlatformKey),
            () => Task.FromResult(ApiResults.Json(new { ok = true }))));

        Assert.Equal(200, result.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer unit-test-platform-admin-key-012")]
    [InlineData("Bearer unit-test-platform-admin-key-01234")]
    [InlineData("Basic unit-test-platform-admin-key-0123")]
    public async Task RunAsPlatformAdminAsync_OtherKey_Answers401(string? authorization)
    {
        var result = await ExecutedResult.ExecuteAsync(await Endpoint().RunAsPlatformAdminAsync(Request(authorization),
            () => Task.FromResult(ApiResults.Json(new { ok = true }))));

        Assert.Equal(401, result.Status);
    }

    [Theory]
    [MemberData(nameof(FailureNames))]
    public async Task RunAnonymousAsync_ActionThrows_AnswersItsProblem(string failure)
    {
        var (exception, status, code) = Failures[failure];

        var result = await ExecutedResult.ExecuteAsync(await Endpoint().RunAnonymousAsync(Request(null), () => throw exception()));

        Assert.Equal(status, result.Status);
        Assert.StartsWith(ApiResults.ProblemContentType, result.ContentType, StringComparison.Ordinal);
        Assert.Equal(code, result.Json.GetProperty("code").GetString());
        Assert.DoesNotContain("Koperasi.Functions.Something", result.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAnonymousAsync_CanceledBecauseTheClientLeft_AnswersNothing()
    {
        var request = Request(null);
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        request.HttpContext.RequestAborted = aborted.Token;

        var result = await Endpoint().RunAnonymousAsync(request, () => throw new OperationCanceledException(aborted.Token));

        Assert.IsType<EmptyResult>(result);
    }

    [Fact]
    public async Task RunAnonymousAsync_UnexpectedException_IsLoggedAsAnError()
    {
        var logger = new Mock<ILogger<ApiEndpoint>>();
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);

        await Endpoint(logger.Object).RunAnonymousAsync(Request(null), () => throw new InvalidOperationException("bug"));

        logger.Verify(l => l.Log(LogLevel.Error, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<InvalidOperationException>(),
            It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once);
    }

    [Theory]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(503, true)]
    [InlineData(0, true)]
    public void IsStorageUnavailable_RequestFailed_DependsOnStatus(int status, bool expected)
    {
        Assert.Equal(expected, ApiEndpoint.IsStorageUnavailable(new RequestFailedException(status, "x")));
    }

    private static ApiEndpoint Endpoint(ILogger<ApiEndpoint>? logger = null)
    {
        // Points at a loopback port nothing serves: these tests must never reach storage.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Koperasi.Testing.AzuriteProcess.ConnectionStringFor(1, 1, 1),
        }).Build();
        var keys = new ApiKeyStore(new StorageAccount(new StorageClientFactory(configuration)), TimeProvider.System);
        var authenticator = new CallerAuthenticator(keys, Options.Create(new PlatformOptions { AdminKey = PlatformKey }), TimeProvider.System);
        return new ApiEndpoint(authenticator, logger ?? NullLogger<ApiEndpoint>.Instance);
    }

    private static HttpRequest Request(string? authorization)
    {
        var context = new DefaultHttpContext();
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }
        return context.Request;
    }
}
