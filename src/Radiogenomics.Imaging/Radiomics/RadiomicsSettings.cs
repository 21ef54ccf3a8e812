using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// The IBSI image-processing chain and feature settings (manual chapter 2, and the CT phantom configurations
/// A–E): optional resampling on IBSI's centred grid, mask partial-volume threshold, intensity rounding, range and
/// outlier re-segmentation, discretisation, the IVH grid, texture aggregations and NGLDM coarseness. The defaults
/// are the digital phantom's: no resampling, no re-segmentation, fixed bin size 1, every aggregation.
/// </summary>
public sealed record RadiomicsSettings
{
    /// <summary>New voxel spacing (mm) along columns, rows and slices; null: no resampling. A null slice spacing keeps the slices (2-D, in-plane resampling).</summary>
    public (double Column, double Row, double? Slice)? Spacing { get; init; }

    public VolumeInterpolation ImageInterpolation { get; init; } = VolumeInterpolation.Linear;

    /// <summary>Interpolation of the mask before the partial-volume threshold (IBSI configurations use linear).</summary>
    public VolumeInterpolation MaskInterpolation { get; init; } = VolumeInterpolation.Linear;

    /// <summary>An interpolated mask voxel belongs to the ROI at or above this fraction.</summary>
    public double PartialVolumeThreshold { get; init; } = 0.5;

    /// <summary>Round interpolated intensities to integers (CT in HU: IBSI configurations B–E).</summary>
    public bool RoundIntensities { get; init; }

    /// <summary>Re-segmentation range: intensity-mask voxels keep intensities in [Minimum, Maximum]; either end may be open.</summary>
    public (double? Minimum, double? Maximum)? ResegmentationRange { get; init; }

    /// <summary>Outlier re-segmentation: keep voxels within mean ± this many SDs (after the range filter); null: none.</summary>
    public double? OutlierSigma { get; init; }

    public DiscretisationMethod Discretisation { get; init; } = DiscretisationMethod.FixedBinSize;

    public int BinCount { get; init; } = 32;

    public double BinWidth { get; init; } = 1;

    public BinEdgeRule BinEdges { get; init; } = BinEdgeRule.Ibsi;

    public IvhIntensities Ivh { get; init; } = IvhIntensities.Discretised;

    public double IvhStep { get; init; } = 1;

    /// <summary>Texture aggregations to compute ("2D averaged", "3D merged", "2D", "2.5D", "3D", …); null: all.</summary>
    public IReadOnlySet<string>? TextureAggregations { get; init; }

    /// <summary>Families to compute (IBSI family names, e.g. "GLCM", "morphology"); null: all eleven.</summary>
    public IReadOnlySet<string>? Families { get; init; }

    public int NgldmCoarseness { get; init; }

    /// <summary>Moran's I and Geary's C (all pairs of ROI voxels, the costliest features); off where PyRadiomics' names are written, which have neither.</summary>
    public bool MorphologyAutocorrelation { get; init; } = true;
}
