using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>associate.limma</c>.</summary>
public sealed record AssociateLimmaOptions
{
    [Option("clinical column that defines the two groups, e.g. ER Status", Required = true)]
    public string GroupColumn { get; init; } = "";

    [Option("the value compared against the reference, e.g. Positive (empty: the second of the two values in sort order)")]
    public string Group { get; init; } = "";

    [Option("the reference value, e.g. Negative (empty: the first of the two values in sort order)")]
    public string Reference { get; init; } = "";

    [Option("how a patient's images become one value per feature")]
    public PatientStatistic Aggregate { get; init; } = PatientStatistic.Mean;
}
