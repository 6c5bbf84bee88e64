namespace Koperasi.Functions.Statements;

/// <summary>
/// Where one member's statement for one period stands. Only <see cref="Pending"/> is ever sent; <see cref="Sending"/>
/// found on a redelivery means the host died around the provider call, so it becomes <see cref="Unknown"/> and is
/// not sent again unless the treasurer resends it.
/// </summary>
public enum StatementStatus
{
    Pending,
    Sending,
    Sent,
    Skipped,
    Failed,
    Unknown,
}
