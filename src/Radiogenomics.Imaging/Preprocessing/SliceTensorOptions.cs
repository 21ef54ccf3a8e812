namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>Settings of <see cref="SliceTensorExtractor"/>; the defaults reproduce the seed pipeline except for the resampler.</summary>
public sealed record SliceTensorOptions
{
    public SliceChoice Slices { get; init; } = SliceChoice.All;

    /// <summary>For <see cref="SliceChoice.Central"/>.</summary>
    public int CentralCount { get; init; } = 1;

    public IntensityNormalisation Normalisation { get; init; } = IntensityNormalisation.DivideByMax;

    public NormalisationScope Scope { get; init; } = NormalisationScope.Slice;

    /// <summary>Output is Size × Size.</summary>
    public int Size { get; init; } = 64;

    public ResizeMethod Resize { get; init; } = ResizeMethod.AntiAliased;

    /// <summary>
    /// Keep the physical aspect ratio (pixel spacing included): resize the longer side to Size and pad the
    /// shorter one symmetrically with <see cref="PadValue"/>. False stretches to Size × Size as the seed did.
    /// </summary>
    public bool PreserveAspect { get; init; }

    public float PadValue { get; init; }

    /// <summary>
    /// When positive, each slice is cut to a square window of this many millimetres centred on the tumour's
    /// in-plane centroid (over the whole 3-D mask, so the window stays put from slice to slice) before normalising
    /// and resizing; outside the image the window reads 0. Needs the mask. 0 keeps the whole slice, as the seed did.
    /// </summary>
    public double CropMillimetres { get; init; }
}
