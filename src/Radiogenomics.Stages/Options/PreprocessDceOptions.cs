using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>preprocess.dce</c>.</summary>
public sealed record PreprocessDceOptions
{
    [Option("how the phase is chosen: phase-index (of the DCE series with the most phases), temporal-position (TemporalPositionIdentifier), description (SeriesDescription regular expression) or acquisition-order (all DCE phases by AcquisitionTime)")]
    public PhaseRule PhaseRule { get; init; } = PhaseRule.PhaseIndex;

    [Option("phase of the DCE series: 0 = pre-contrast, 1 = first post-contrast (the seed's choice)", Minimum = 0)]
    public int PhaseIndex { get; init; } = 1;

    [Option("TemporalPositionIdentifier, for phase_rule: temporal-position", Minimum = 1)]
    public int TemporalPosition { get; init; } = 2;

    [Option("regular expression on SeriesDescription, for phase_rule: description (e.g. post.*1|ph2)")]
    public string PhaseDescription { get; init; } = "";

    [Option("scanner filter: regular expression on Manufacturer, e.g. ^GE (empty = any)")]
    public string Manufacturer { get; init; } = "";

    [Option("scanner filter: MagneticFieldStrength in tesla, e.g. 1.5 (0 = any)", Minimum = 0)]
    public double FieldStrength { get; init; }

    [Option("resample each volume to isotropic voxels (finest spacing) before slicing: none, linear or bspline")]
    public ResampleMethod Resample { get; init; } = ResampleMethod.None;

    [Option("all slices (as the seed code), the slices where the tumour mask is present, or the central ones (of the tumour when a mask is given)")]
    public SliceSelection Slices { get; init; } = SliceSelection.All;

    [Option("how many central slices, for slices: central", Minimum = 1)]
    public int CentralSlices { get; init; } = 10;

    [Option("per-image intensity normalisation: divide-by-max (seed code), min-max, zscore, or none (rescaled DICOM values); divide-by-max and min-max tensors are clamped to [0, 1] after the resize (its ringing)")]
    public SliceNormalisation Normalisation { get; init; } = SliceNormalisation.DivideByMax;

    [Option("tensor size (size × size)", Minimum = 8, Maximum = 512)]
    public int Size { get; init; } = 64;

    [Option("anti-aliased (Lanczos-3 when shrinking) or seed-cubic (scipy zoom order 3, aliases; for faithful reproduction)")]
    public SliceResize Resize { get; init; } = SliceResize.AntiAliased;

    [Option("cut each slice to a square of this many mm centred on the tumour (mask centroid) before resizing; 0 keeps the whole slice (seed)", Minimum = 0)]
    public double CropMm { get; init; }

    [Option("keep the physical aspect ratio and pad, instead of stretching as the seed did")]
    public bool PreserveAspect { get; init; }
}
