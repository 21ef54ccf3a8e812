using Radiogenomics.Statistics;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>associate.lme</c>.</summary>
public sealed record AssociateLinearMixedModelOptions
{
    [Option("multiple-testing scope: global (all pairs; controls the FDR of the whole table), per_genomic (each genomic feature over all radiomic features, the seed's choice, which does not control the FDR across genomic features) or per_family")]
    public FdrScope FdrScope { get; init; } = FdrScope.Global;

    [Option("q below which a pair counts as significant in the summary", Minimum = 0, Maximum = 1)]
    public double FdrThreshold { get; init; } = 0.05;

    [Option("patients with a missing genomic value: omit them from that fit (na.omit) or stop the stage naming the value (na.fail)")]
    public MissingGenomicPolicy MissingGenomic { get; init; } = MissingGenomicPolicy.Omit;
}
