namespace Koperasi.Bench;

/// <summary>What the loan benchmark measured, how many postings it made (disbursements, deposits, repayments) and how many sends intake refused.</summary>
public sealed record LoanRun(IReadOnlyList<Figure> Figures, int Postings, int Refused);
