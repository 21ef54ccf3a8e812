namespace Radiogenomics.Plotting;

/// <summary>How <see cref="ImageGrid"/> chooses the value range (window) shown from black to white.</summary>
public enum GridWindowMode
{
    /// <summary>Each image from its own minimum to maximum: best contrast, but brightness is not comparable between tiles.</summary>
    PerImageMinMax,

    /// <summary>One window from the minimum to the maximum over all images: tiles are comparable.</summary>
    SharedMinMax,

    /// <summary>Each image from its own low to high percentile (robust to hot pixels).</summary>
    PerImagePercentile,

    /// <summary>One window from the low to the high percentile of all pixels of all images.</summary>
    SharedPercentile,

    /// <summary>The window given in <see cref="ImageGrid.FixedWindow"/> (e.g. a z-score range of −3 to 3).</summary>
    Fixed,
}
