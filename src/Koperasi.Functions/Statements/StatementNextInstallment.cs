namespace Koperasi.Functions.Statements;

/// <summary>The first installment due after the statement month with pokok or jasa unpaid at its end, and how much of it.</summary>
public sealed record StatementNextInstallment(int Number, DateOnly DueDate, long AmountDue);
