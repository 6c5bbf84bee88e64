using Koperasi.Functions.Loans;

namespace Koperasi.Functions.Ledger;

/// <summary>How one posting request was decided: the result, the rule's refusal when rejected now, and the loan after it when it moved a loan's money.</summary>
public sealed record PostingDecision(PostingResult Result, Rejection? Refusal, Loan? Loan);
