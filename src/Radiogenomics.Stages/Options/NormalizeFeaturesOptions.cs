using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>normalize.features</c>.</summary>
public sealed record NormalizeFeaturesOptions
{
    [Option("quantile (per image across features, as the Liu & Hu 2023 code: ties at their minimum rank — differs from preprocessCore when values tie), quantile-preprocesscore (preprocessCore::normalize.quantiles: ties by average rank), zscore (per feature), log2 (log2(x+1)) or none")]
    public FeatureNormalization Method { get; init; } = FeatureNormalization.Quantile;

    [Option("after normalising: none keeps one row per image; mean or median make one row per patient (image_id = patient_id)")]
    public FeatureAggregation Aggregate { get; init; } = FeatureAggregation.None;
}
