namespace Radiogenomics.Stages;

/// <summary>What classify stages do with patients that have features but no label, or a label but no features.</summary>
public enum IncompletePatients
{
    /// <summary>Stop with an error naming the table, column and patients.</summary>
    Fail,

    /// <summary>Leave them out; the count is logged and recorded.</summary>
    Drop,
}
