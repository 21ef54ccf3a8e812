namespace Radiogenomics.Plotting;

/// <summary>Where <see cref="LineChart"/> puts its legend inside the plot area.</summary>
public enum LegendPosition
{
    /// <summary>The corner that covers the fewest curve pixels (top right wins ties).</summary>
    Auto,
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
    None,
}
