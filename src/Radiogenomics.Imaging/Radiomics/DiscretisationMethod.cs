namespace Radiogenomics.Imaging.Radiomics;

/// <summary>How intensities become grey levels for the histogram and texture families (IBSI 2.7).</summary>
public enum DiscretisationMethod
{
    /// <summary>A fixed number of bins between the ROI's minimum and maximum.</summary>
    FixedBinNumber,

    /// <summary>Bins of a fixed width from a lower edge (<see cref="BinEdgeRule"/>).</summary>
    FixedBinSize,
}
