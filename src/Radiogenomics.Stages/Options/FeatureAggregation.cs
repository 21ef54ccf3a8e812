namespace Radiogenomics.Stages;

/// <summary>After normalising: one row per image, or one per patient (mean or median).</summary>
public enum FeatureAggregation
{
    None,
    Mean,
    Median,
}
