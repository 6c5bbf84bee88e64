namespace Koperasi.Functions.Books;

/// <summary>The <c>shu-distributions</c> queue's message: a cooperative's year whose distribution was asked for.</summary>
public sealed record ShuDistributionMessage(string CooperativeId, int Year);
