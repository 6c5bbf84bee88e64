namespace Koperasi.Functions.Api;

/// <summary>Thrown by request handling to stop and answer with a problem; <see cref="ApiEndpoint"/> maps it.</summary>
public sealed class ApiProblemException(ApiProblem problem) : Exception(problem.Detail)
{
    public ApiProblem Problem { get; } = problem;
}
