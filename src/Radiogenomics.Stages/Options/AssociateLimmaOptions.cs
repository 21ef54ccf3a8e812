using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>associate.limma</c>.</summary>
public sealed record AssociateLimmaOptions
{
    [Option("clinical column that defines the two groups, e.g. ER Status", Required = true)]
    public string GroupColumn { get; init; } = "";

    [Option("the value compared against the reference, e.g. Positive: logFC = group − reference (named, not taken from sort order, so 0/1 coding cannot flip the sign)", Required = true)]
    public string Group { get; init; } = "";

    [Option("the reference value, e.g. Negative", Required = true)]
    public string Reference { get; init; } = "";

    [Option("row order, as topTable(sort.by = …): none keeps the features' input order; B, P, t or logFC sort")]
    public LimmaSortBy SortBy { get; init; } = LimmaSortBy.None;

    [Option("limma's eBayes(trend = TRUE): a prior variance that follows each feature's average value (a natural-spline trend, for data whose variance changes with the mean)")]
    public bool Trend { get; init; }

    [Option("limma's eBayes(robust = TRUE): the prior is fitted to winsorised log-variances and each feature gets its own prior df, smaller for outlying variances (fitFDistRobustly; with trend the trend is a lowess curve)")]
    public bool Robust { get; init; }

    [Option("how a patient's images become one value per feature")]
    public PatientStatistic Aggregate { get; init; } = PatientStatistic.Mean;
}
