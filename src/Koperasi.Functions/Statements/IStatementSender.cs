namespace Koperasi.Functions.Statements;

/// <summary>Sends one statement email. Expected failures are outcomes; an exception leaves the record <c>sending</c>.</summary>
public interface IStatementSender
{
    Task<DeliveryOutcome> SendAsync(StatementEmail email, CancellationToken cancellationToken = default);
}
