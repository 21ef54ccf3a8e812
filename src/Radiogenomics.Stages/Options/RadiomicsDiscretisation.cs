using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>Grey-level discretisation of <c>extract.radiomics</c>.</summary>
public enum RadiomicsDiscretisation
{
    /// <summary>Bins of bin_width (PyRadiomics' binWidth, its default).</summary>
    [Choice("fixed-bin-size")] FixedBinSize,

    /// <summary>bin_count bins between the region's minimum and maximum (PyRadiomics' binCount).</summary>
    [Choice("fixed-bin-number")] FixedBinNumber,
}
