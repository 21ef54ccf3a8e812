using Radiogenomics.Statistics;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>associate.correlation</c>.</summary>
public sealed record AssociateCorrelationOptions
{
    [Option("pearson or spearman, as cor.test(method = ...)")]
    public CorrelationMethod Method { get; init; } = CorrelationMethod.Spearman;

    [Option("how a patient's images become one value per feature")]
    public PatientStatistic Aggregate { get; init; } = PatientStatistic.Mean;

    [Option("multiple-testing scope (see associate.lme)")]
    public FdrScope FdrScope { get; init; } = FdrScope.Global;

    [Option("columns of the features table to correlate (empty: every feature of an image-level feature table); set, any table keyed by patient_id will do, e.g. a model's predictions: [score] or [risk]")]
    public IReadOnlyList<string> Columns { get; init; } = [];

    [Option("q below which a pair counts as significant", Minimum = 0, Maximum = 1)]
    public double FdrThreshold { get; init; } = 0.05;
}
