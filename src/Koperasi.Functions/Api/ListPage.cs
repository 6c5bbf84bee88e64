namespace Koperasi.Functions.Api;

/// <summary>One page of a list: <c>{items, continuationToken}</c>.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? ContinuationToken);
