namespace Radiogenomics.Plotting;

/// <summary>Our colour maps (exact anchor definitions) as ScottPlot colour maps.</summary>
internal sealed class ScottPlotColormap(Colormap colormap) : ScottPlot.IColormap
{
    public string Name => colormap.Name;

    public ScottPlot.Color GetColor(double normalizedIntensity) => colormap.Map(normalizedIntensity).ToScottPlot();
}
