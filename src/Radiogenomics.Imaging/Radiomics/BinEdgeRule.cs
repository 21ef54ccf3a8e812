namespace Radiogenomics.Imaging.Radiomics;

/// <summary>Where fixed-bin-size discretisation puts its first bin edge.</summary>
public enum BinEdgeRule
{
    /// <summary>IBSI: at the lower re-segmentation bound, else the ROI minimum: level = ⌊(x − X_min)/w⌋ + 1.</summary>
    Ibsi,

    /// <summary>PyRadiomics: at the multiple of w at or below the ROI minimum: level = ⌊x/w⌋ − ⌊X_min/w⌋ + 1.</summary>
    PyRadiomics,
}
