using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>classify.apply</c>.</summary>
public sealed record ClassifyApplyOptions
{
    [Option("cohort name written into the predictions' cohort column")]
    public string Cohort { get; init; } = "validation";

    [Option("patients without a label in the clinical table: fail, or drop them from the predictions")]
    public IncompletePatients Incomplete { get; init; } = IncompletePatients.Fail;
}
