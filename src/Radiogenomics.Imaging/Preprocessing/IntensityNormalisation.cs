namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>How intensities are scaled before resizing (MR intensities have no absolute unit).</summary>
public enum IntensityNormalisation
{
    /// <summary>x / max (the seed code's behaviour); an all-non-positive image becomes zeros.</summary>
    DivideByMax,

    /// <summary>(x − min) / (max − min); a constant image becomes zeros.</summary>
    MinMax,

    /// <summary>(x − mean) / standard deviation; a constant image becomes zeros.</summary>
    ZScore,

    None,
}
