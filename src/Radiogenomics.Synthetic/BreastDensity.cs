namespace Radiogenomics.Synthetic;

/// <summary>BI-RADS breast composition category; sets how much fibroglandular tissue the anatomy has.</summary>
public enum BreastDensity
{
    /// <summary>Almost entirely fatty.</summary>
    A,
    /// <summary>Scattered fibroglandular densities.</summary>
    B,
    /// <summary>Heterogeneously dense.</summary>
    C,
    /// <summary>Extremely dense.</summary>
    D,
}
