namespace Radiogenomics.Synthetic;

/// <summary>How a patient's DCE phases are split into DICOM series (for the DICOM writer; the volumes are the same either way).</summary>
public enum SeriesLayout
{
    /// <summary>Pre-contrast and all post-contrast volumes in one series (most TCGA-BRCA exams: "multiVolumeBilateral").</summary>
    DynamicInOneSeries,

    /// <summary>One series per phase.</summary>
    OneSeriesPerPhase,
}
