using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>Per-image intensity normalisation of preprocess.dce.</summary>
public enum SliceNormalisation
{
    [Choice("divide-by-max")] DivideByMax,
    [Choice("min-max")] MinMax,
    Zscore,
    None,
}
