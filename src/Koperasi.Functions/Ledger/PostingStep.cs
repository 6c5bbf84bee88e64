namespace Koperasi.Functions.Ledger;

/// <summary>The points between the storage calls of one posting.</summary>
public enum PostingStep
{
    BeforeRead,
    AfterRead,
    BeforeCommit,
    AfterCommit,
}
