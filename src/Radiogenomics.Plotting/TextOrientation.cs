namespace Radiogenomics.Plotting;

/// <summary>Direction in which a line of text runs.</summary>
public enum TextOrientation
{
    /// <summary>Left to right (normal).</summary>
    Horizontal,

    /// <summary>Rotated 90° counter-clockwise, read bottom to top (y-axis titles, column labels).</summary>
    BottomToTop,

    /// <summary>Rotated 90° clockwise, read top to bottom.</summary>
    TopToBottom,
}
