namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>Over which voxels the normalisation statistics (max, min, mean, SD) are taken.</summary>
public enum NormalisationScope
{
    /// <summary>Each 2-D slice on its own (the seed code's per-image normalisation).</summary>
    Slice,

    /// <summary>The whole volume, so slices of one patient keep their relative brightness.</summary>
    Volume,
}
