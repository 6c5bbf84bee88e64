namespace Koperasi.Functions.Ledger;

/// <summary>What happened to one posting request.</summary>
public enum PostingResult
{
    Posted,
    Rejected,
    /// <summary>The id was already posted or rejected with the same content: nothing changed.</summary>
    AlreadyDone,
    /// <summary>The id exists with other content: recorded as a conflict, nothing posted.</summary>
    Conflict,
}
