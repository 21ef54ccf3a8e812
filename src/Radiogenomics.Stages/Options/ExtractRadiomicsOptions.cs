using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>extract.radiomics</c>.</summary>
public sealed record ExtractRadiomicsOptions
{
    [Option("regions per patient: tumour (the mask) and/or peritumoral (a ring around it, ring_mm wide)")]
    public IReadOnlyList<string> Regions { get; init; } = ["tumour"];

    [Option("named regions read from the mask instead of regions, each 'name=selector': a SEG segment (number or label), an RTSTRUCT ROI (name or number) or a NIfTI label value, e.g. [enhancing=1, oedema=2]; the names prefix the feature columns")]
    public IReadOnlyList<string> MaskRegions { get; init; } = [];

    [Option("width of the peritumoral ring, mm (voxel centres within this distance of the tumour, tumour excluded)", Minimum = 0.1)]
    public double RingMm { get; init; } = 5;

    [Option("mask value of the tumour in a multi-label mask; 0 = every voxel > 0 (PyRadiomics' label)", Minimum = 0)]
    public int Label { get; init; }

    [Option("DICOM SEG masks: the segment (SegmentNumber or SegmentLabel) to read; empty = the SEG's only segment, or a batch CSV row's Label as segment number")]
    public string Segment { get; init; } = "";

    [Option("RTSTRUCT masks: the ROI (ROIName or ROINumber) to rasterise; empty = the structure set's only ROI, or a batch CSV row's Label as ROI number")]
    public string Roi { get; init; } = "";

    [Option("RTSTRUCT masks: how one slice's closed contours combine: xor (inner contours are holes, either orientation) or or (union)")]
    public RtStructContours RtstructContours { get; init; } = RtStructContours.Xor;

    [Option("DCE phases to extract, each a sequence: 0 = pre-contrast, 1 = first post-contrast, …")]
    public IReadOnlyList<double> Phases { get; init; } = [1];

    [Option("feature names: pyradiomics (original_glcm_Contrast; its definitions) or ibsi (every IBSI feature and aggregation)")]
    public RadiomicsNaming Names { get; init; } = RadiomicsNaming.Pyradiomics;

    [Option("IBSI families to compute (morphology, local intensity, intensity-based statistics, intensity histogram, intensity-volume histogram, GLCM, GLRLM, GLSZM, GLDZM, NGTDM, NGLDM); empty = all")]
    public IReadOnlyList<string> Families { get; init; } = [];

    [Option("fixed-bin-size (bin_width) or fixed-bin-number (bin_count)")]
    public RadiomicsDiscretisation Discretisation { get; init; } = RadiomicsDiscretisation.FixedBinSize;

    [Option("bin width in image units, for fixed-bin-size (PyRadiomics' binWidth)", Minimum = 1e-9)]
    public double BinWidth { get; init; } = 25;

    [Option("number of bins, for fixed-bin-number (PyRadiomics' binCount)", Minimum = 1, Maximum = 4096)]
    public int BinCount { get; init; } = 32;

    [Option("first bin edge of fixed-bin-size at a multiple of bin_width as PyRadiomics (true), or at the region minimum as IBSI (false)")]
    public bool PyradiomicsBinEdges { get; init; } = true;

    [Option("resample image and mask to this isotropic spacing (mm) before extraction, on IBSI's grid centred on the box around the tumour and ring; 0 = no resampling (PyRadiomics' resampledPixelSpacing)", Minimum = 0)]
    public double ResampleMm { get; init; }

    [Option("resample a mask that is not on the image grid onto it (nearest neighbour; PyRadiomics' correctMask); false stops with the size of the mismatch")]
    public bool CorrectMask { get; init; } = true;

    [Option("PyRadiomics image types: original, log (log_sigma_mm), wavelet (all 8 combinations), square, squareroot, logarithm, exponential, gradient (a params input replaces them)")]
    public IReadOnlyList<string> ImageTypes { get; init; } = ["original"];

    [Option("LoG widths σ in mm, one image each (log-sigma-2-0-mm-3D)")]
    public IReadOnlyList<double> LogSigmaMm { get; init; } = [];

    [Option("wavelet of the wavelet image type: coif1 (PyRadiomics' default) or haar")]
    public string Wavelet { get; init; } = "coif1";

    [Option("features to write as voxel-based maps (PyRadiomics' voxel mode), named <image type>_<class>_<feature>, e.g. original_firstorder_Mean; empty = none")]
    public IReadOnlyList<string> VoxelFeatures { get; init; } = [];

    [Option("voxel maps: voxels on each side of the kernel's centre (PyRadiomics' kernelRadius; a params input's voxelSetting replaces it)", Minimum = 1, Maximum = 10)]
    public int VoxelKernelRadius { get; init; } = 1;

    [Option("a patient whose region cannot give features: fail (stop, naming patient, file and fix) or skip (listed in the errors table)")]
    public OnError OnError { get; init; } = OnError.Fail;
}
