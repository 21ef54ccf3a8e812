using ScottPlot;

namespace Radiogenomics.Plotting;

/// <summary>
/// Grouped bars: one group per category (e.g. a predicted feature), one bar per series (e.g. a model) in the
/// <see cref="LineChart.Palette"/> colours, category names below (rotated when long), an optional mark above a group
/// (e.g. "*" for a significant difference). Configure with init properties, add series, then <see cref="Save"/> as .png or .svg.
/// </summary>
public sealed class BarChart
{
    private readonly List<(string Name, double[] Values)> _series = [];
    private readonly Dictionary<int, string> _marks = [];

    public BarChart(IReadOnlyList<string> categories)
    {
        if (categories.Count == 0) throw new ArgumentException("a bar chart needs at least one category", nameof(categories));
        Categories = categories;
    }

    public IReadOnlyList<string> Categories { get; }
    public string? Title { get; init; }
    public string? YLabel { get; init; }

    /// <summary>Nominal size in points (SVG pixels); PNG is rendered at <see cref="FigureFile.PngScale"/>× this.</summary>
    public int Width { get; init; } = 800;

    public int Height { get; init; } = 480;

    /// <summary>Top of the value axis; taller bars are cut there and labelled with their value. Null: from the data.</summary>
    public double? YMax { get; init; }

    /// <summary>A grey horizontal line (e.g. the chance level 1 of a relative error).</summary>
    public double? ReferenceLine { get; init; }

    /// <summary>One value per category; NaN draws no bar.</summary>
    public BarChart Add(string name, IReadOnlyList<double> values)
    {
        if (values.Count != Categories.Count) throw new ArgumentException($"series '{name}' has {values.Count} values for {Categories.Count} categories");
        _series.Add((name, values.ToArray()));
        return this;
    }

    /// <summary>Text drawn above the tallest bar of a category.</summary>
    public BarChart Mark(int category, string text)
    {
        _marks[category] = text;
        return this;
    }

    public void Save(string path)
    {
        SkiaLibrary.EnsureResolvable();
        if (_series.Count == 0) throw new InvalidOperationException("add at least one series before saving");
        var plot = new Plot();
        plot.Font.Set(FigureFile.FontFamily);
        if (!string.IsNullOrEmpty(Title)) plot.Title(Title, 16);
        if (!string.IsNullOrEmpty(YLabel)) plot.YLabel(YLabel, 14);
        int groups = Categories.Count, count = _series.Count;
        double width = 0.8 / count;
        double top = 0;
        foreach (var (_, values) in _series) foreach (double v in values) if (double.IsFinite(v)) top = Math.Max(top, v);
        if (YMax is { } cap && cap > 0) top = Math.Min(top, cap);
        for (int s = 0; s < count; s++)
        {
            var color = LineChart.Palette[s % LineChart.Palette.Count].ToScottPlot();
            var bars = new List<Bar>();
            for (int c = 0; c < groups; c++)
            {
                double v = _series[s].Values[c];
                if (!double.IsFinite(v)) continue;
                double position = c - 0.4 + width * (s + 0.5);
                bars.Add(new Bar { Position = position, Value = Math.Min(v, top), Size = width * 0.9, FillColor = color, LineWidth = 0 });
                if (v > top)
                {
                    var cut = plot.Add.Text(v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture), position, top * 0.98);
                    cut.LabelFontSize = 10;
                    cut.LabelRotation = -90;
                    cut.LabelAlignment = Alignment.MiddleLeft;
                }
            }
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = _series[s].Name, FillColor = color, LineWidth = 0 });
        }
        foreach (var (c, text) in _marks)
        {
            double high = Math.Min(top, _series.Select(s => s.Values[c]).Where(double.IsFinite).DefaultIfEmpty(0).Max());
            var label = plot.Add.Text(text, c, high + 0.03 * top);
            label.LabelFontSize = 14;
            label.LabelAlignment = Alignment.LowerCenter;
        }
        if (ReferenceLine is { } level)
        {
            var line = plot.Add.HorizontalLine(level, 1, new Rgb(0x99, 0x99, 0x99).ToScottPlot());
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int c = 0; c < groups; c++) ticks.AddMajor(c, Categories[c]);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        if (Categories.Any(c => c.Length > 6))
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 40;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 12 + 7 * Categories.Max(c => c.Length);
        }
        plot.Axes.Right.MinimumSize = 60; // room for the last rotated category name
        plot.Axes.SetLimits(-0.6, groups - 0.4, 0, top > 0 ? top * 1.15 : 1);
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 12;
        FigureFile.Save(plot, path, Width, Height);
    }
}
