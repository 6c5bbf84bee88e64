using System.Net;
using System.Text.Json;

namespace Koperasi.Functions.Tests.Support;

/// <summary>Reads a problem-details answer and checks its shape.</summary>
public static class Problem
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("type").GetString()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return body;
    }

    /// <summary>As <see cref="AssertAsync"/>, and its <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> AssertFieldAsync(HttpResponseMessage response, HttpStatusCode status, string code, string field)
    {
        var body = await AssertAsync(response, status, code);
        Assert.True(body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"errors does not name '{field}': {body}");
        return body;
    }
}
