namespace Koperasi.Functions.Payments;

/// <summary>What assigning an unmatched payment did.</summary>
public enum AssignOutcome
{
    Assigned,
    AlreadyAssigned,
    AssignedElsewhere,
    NotFound,
}
