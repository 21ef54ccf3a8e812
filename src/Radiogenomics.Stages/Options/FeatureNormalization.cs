using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>normalize.features' method.</summary>
public enum FeatureNormalization
{
    Quantile,
    [Choice("quantile-preprocesscore")] QuantilePreprocessCore,
    Zscore,
    Log2,
    None,
}
