using Koperasi.Functions.Access;
using Koperasi.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Koperasi.Functions.Members;

public sealed class MembersFunctions(ApiEndpoint endpoint, MemberStore members)
{
    [Function(nameof(CreateMember))]
    public Task<IActionResult> CreateMember(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/members")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Teller, async caller =>
        {
            var (id, details) = MemberDetails.Read(await RequestBody.ReadObjectAsync(request, cancellationToken), withId: true);
            var member = await members.AddAsync(caller.CooperativeId, id!, details, cancellationToken);
            return member is null
                ? ApiResults.Problem(ApiProblem.Conflict("member_exists", $"Member '{id}' already exists; use PUT /api/members/{id} to change it."))
                : ApiResults.Created(member, $"/api/members/{member.Id}");
        });

    [Function(nameof(GetMember))]
    public Task<IActionResult> GetMember(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/members/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            await members.FindAsync(caller.CooperativeId, id, cancellationToken) is { } member
                ? ApiResults.Json(member)
                : ApiResults.Problem(MemberNotFound(id)));

    [Function(nameof(UpdateMember))]
    public Task<IActionResult> UpdateMember(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/members/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Teller, async caller =>
        {
            var (_, details) = MemberDetails.Read(await RequestBody.ReadObjectAsync(request, cancellationToken), withId: false);
            return MemberId.IsValid(id) && await members.UpdateAsync(caller.CooperativeId, id, details, cancellationToken) is { } member
                ? ApiResults.Json(member)
                : ApiResults.Problem(MemberNotFound(id));
        });

    [Function(nameof(ListMembers))]
    public Task<IActionResult> ListMembers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/members")] HttpRequest request, CancellationToken cancellationToken)
        => endpoint.RunAsync(request, Role.Reader, async caller =>
            ApiResults.Json(await members.ListAsync(caller.CooperativeId, Paging.From(request), cancellationToken)));

    public static ApiProblem MemberNotFound(string id) => ApiProblem.NotFound("member_not_found", $"No member '{id}' in this cooperative.");
}
