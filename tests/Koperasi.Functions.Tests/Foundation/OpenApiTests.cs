using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Koperasi.Functions.Tests.Support;
using Microsoft.OpenApi;

namespace Koperasi.Functions.Tests.Foundation;

/// <summary>
/// The app against openapi.yaml: the documented routes are exactly the served ones, and every documented operation,
/// driven over real HTTP with no key and with an admin key and junk input, answers only as documented.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(ApiFixture fixture)
{
    public static TheoryData<string> DocumentedRoutes => new(OpenApiContract.DocumentedRoutes());

    /// <summary>Each documented operation with a junk body, an empty body and an empty object (and unknown ids).</summary>
    public static TheoryData<string, string> AdminProbes
    {
        get
        {
            var probes = new TheoryData<string, string>();
            foreach (var route in OpenApiContract.DocumentedRoutes())
            {
                foreach (var body in new[] { "{\"id\": [junk", "", "{}" })
                {
                    probes.Add(route, body);
                }
            }
            return probes;
        }
    }

    [Fact]
    public void Document_Read_HasNoErrorsAndIsOpenApi31()
    {
        var errors = OpenApiContract.Diagnostic.Errors.Select(e => e.ToString()).ToList();

        Assert.True(errors.Count == 0, "openapi.yaml has errors:\n" + string.Join("\n", errors));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, OpenApiContract.Diagnostic.SpecificationVersion);
    }

    [Fact]
    public void Routes_ServedByTheLocalHost_AreAllDocumented()
    {
        var undocumented = OpenApiContract.ServedRoutes().Except(OpenApiContract.DocumentedRoutes()).ToList();

        Assert.True(undocumented.Count == 0, "served but not in openapi.yaml: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void Routes_DocumentedInOpenApi_AreAllServed()
    {
        var unserved = OpenApiContract.DocumentedRoutes().Except(OpenApiContract.ServedRoutes()).ToList();

        Assert.True(unserved.Count == 0, "in openapi.yaml but not served: " + string.Join(", ", unserved));
    }

    [Theory]
    [MemberData(nameof(DocumentedRoutes))]
    public void Operation_ErrorResponses_AreDocumentedAsProblems(string route)
    {
        var operation = OpenApiContract.Operation(route);

        var notProblems = operation.Responses!
            .Where(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture) >= 400)
            .Where(r => r.Value.Content?.Keys.SequenceEqual(["application/problem+json"]) != true)
            .Select(r => r.Key)
            .ToList();
        Assert.True(notProblems.Count == 0, $"{route}: error responses {string.Join(", ", notProblems)} are not application/problem+json");
    }

    [Theory]
    [MemberData(nameof(DocumentedRoutes))]
    public async Task Operation_CalledWithoutKey_AnswersAsDocumented(string route)
    {
        using var client = fixture.Client();

        var response = await SendAsync(client, route, "{}");

        await AssertDocumentedAsync(route, response);
    }

    [Theory]
    [MemberData(nameof(AdminProbes))]
    public async Task Operation_CalledWithAdminKeyAndBadInput_AnswersAsDocumented(string route, string body)
    {
        var coop = await fixture.NewCooperativeAsync();

        var response = await SendAsync(coop.Admin, route, body);

        await AssertDocumentedAsync(route, response);
    }

    [Theory]
    [MemberData(nameof(DocumentedRoutes))]
    public async Task Operation_CalledWithJunkQueryParameters_AnswersAsDocumented(string route)
    {
        var coop = await fixture.NewCooperativeAsync();
        var names = (OpenApiContract.Operation(route).Parameters ?? []).Where(p => p.In == ParameterLocation.Query).Select(p => p.Name!).ToList();

        // One parameter at a time, so a refused first parameter cannot hide what a later one does.
        var responses = new List<HttpResponseMessage>();
        foreach (var name in names)
        {
            responses.Add(await SendAsync(coop.Admin, route, "{}", $"{name}={Uri.EscapeDataString("x' \u0000%;y\u00e9")}"));
        }

        foreach (var response in responses)
        {
            await AssertDocumentedAsync(route, response);
        }
    }

    /// <summary>Path parameters become ids nobody has; the body is sent only where the operation takes one.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string route, string body, string query = "")
    {
        var (method, path) = OpenApiContract.Split(route);
        var unknown = "unknown-" + Guid.NewGuid().ToString("N")[..8];
        var request = new HttpRequestMessage(new HttpMethod(method), System.Text.RegularExpressions.Regex.Replace(path, @"\{\w+\}", unknown) + (query.Length > 0 ? "?" + query : ""));
        if (OpenApiContract.Operation(route).RequestBody is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return client.SendAsync(request);
    }

    private static async Task AssertDocumentedAsync(string route, HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = await response.Content.ReadAsStringAsync();
        var responses = OpenApiContract.Operation(route).Responses!;
        Assert.True(responses.TryGetValue(status, out var documented),
            $"{route} answered {status}, which openapi.yaml does not list ({string.Join(", ", responses.Keys)}): {text}");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (response.StatusCode >= System.Net.HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", mediaType);
        }
        if (text.Length == 0)
        {
            Assert.True(documented!.Content is null or { Count: 0 }, $"{route} {status}: openapi.yaml documents a body, the answer has none");
            return;
        }
        Assert.True(documented!.Content?.ContainsKey(mediaType!) == true, $"{route} {status}: {mediaType} is not documented for this answer");
        var errors = OpenApiSchemaCheck.Errors(documented.Content![mediaType!].Schema!, JsonDocument.Parse(text).RootElement);
        Assert.True(errors.Count == 0, $"{route} {status} does not match its schema in openapi.yaml:\n{string.Join("\n", errors)}\n{text}");
    }
}
