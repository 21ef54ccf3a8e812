namespace Radiogenomics.Imaging.Masks;

/// <summary>Which region of a DICOM mask object to read.</summary>
public sealed record MaskChoice
{
    /// <summary>A SEG segment by SegmentNumber or SegmentLabel; null or "" when the SEG has one segment.</summary>
    public string? Segment { get; init; }

    /// <summary>An RTSTRUCT ROI by ROIName or ROINumber; null or "" when the structure set has one ROI.</summary>
    public string? Roi { get; init; }

    /// <summary>How an RTSTRUCT ROI's contours on one slice combine (holes by exclusive or, by default).</summary>
    public ContourCombination Contours { get; init; } = ContourCombination.Xor;

    public static MaskChoice Default { get; } = new();
}
