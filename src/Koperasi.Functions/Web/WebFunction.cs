using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Web;

/// <summary>
/// The treasurer's page at <c>/</c>: one function for every file of it (host.json's route prefix is empty so this
/// can sit at the root; the API's routes say <c>api/</c> themselves). A file that is not part of the page is a 404 problem.
/// </summary>
public sealed class WebFunction(ApiEndpoint endpoint, WebAssets assets)
{
    [Function(nameof(WebPage))]
    public Task<IActionResult> WebPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{file?}")] HttpRequest request, string? file)
        => endpoint.RunAnonymousAsync(request, () =>
        {
            WebHeaders.Apply(request.HttpContext.Response);
            var asset = assets.Find(file);
            return Task.FromResult(asset is null
                ? ApiResults.Problem(ApiProblem.NotFound("not_found", "No such file in the page; the API is under /api/."))
                : (IActionResult)new WebAssetResult(asset));
        });
}
