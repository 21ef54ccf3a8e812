using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>How preprocess.dce resizes slices.</summary>
public enum SliceResize
{
    [Choice("anti-aliased")] AntiAliased,
    [Choice("seed-cubic")] SeedCubic,
}
