using System.Globalization;
using ScottPlot;

namespace Radiogenomics.Plotting;

/// <summary>
/// A forest plot of hazard (or odds) ratios: one row per estimate, top to bottom, a point at the ratio and a bar over
/// its 95 % CI on a log axis (clipped to 0.01–100, where a bar then runs to the edge), a dashed line at 1, and each row's
/// label with its ratio and CI on the left — the layout of survminer's <c>ggforest</c> and of subgroup figures in trial
/// reports. Rows without a finite estimate (a level without events) keep their label and show no bar.
/// </summary>
public sealed class ForestPlot
{
    private readonly List<(string Label, double Ratio, double Lower, double Upper, bool Header)> _rows = [];

    public string? Title { get; init; }
    public string XLabel { get; init; } = "hazard ratio (95 % CI)";
    public int Width { get; init; } = 760;

    /// <summary>Adds an estimate row.</summary>
    public ForestPlot Add(string label, double ratio, double lower, double upper)
    {
        _rows.Add((label, ratio, lower, upper, false));
        return this;
    }

    /// <summary>Adds a heading row (a subgroup variable, with its interaction p, say) without an estimate.</summary>
    public ForestPlot AddHeader(string label)
    {
        _rows.Add((label, double.NaN, double.NaN, double.NaN, true));
        return this;
    }

    public int Count => _rows.Count;

    /// <summary>A ratio with three significant digits (scientific beyond what that holds: a CI of a per-unit HR can be huge).</summary>
    private static string Ratio(double value) => double.IsFinite(value) ? value.ToString("G3", CultureInfo.InvariantCulture) : "∞";

    /// <summary>Writes the figure as PNG, or SVG when the path ends in .svg.</summary>
    public void Save(string path)
    {
        SkiaLibrary.EnsureResolvable();
        if (_rows.Count == 0) throw new InvalidOperationException("A forest plot needs at least one row.");
        int height = 90 + 24 * _rows.Count;
        var plot = new Plot();
        plot.Font.Set(FigureFile.FontFamily);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Axes.Right.TickLabelStyle.FontSize = 12;
        if (!string.IsNullOrEmpty(Title)) plot.Title(Title, 14);
        plot.XLabel(XLabel, 13);
        plot.HideGrid();
        var ink = Rgb.Ink.ToScottPlot();

        var finite = _rows.Where(r => !r.Header && double.IsFinite(r.Lower) && double.IsFinite(r.Upper) && r.Lower > 0).ToList();
        double lo = finite.Count > 0 ? Math.Log10(finite.Min(r => r.Lower)) : -0.3, hi = finite.Count > 0 ? Math.Log10(finite.Max(r => r.Upper)) : 0.3;
        lo = Math.Max(Math.Min(lo, -0.05), -2); hi = Math.Min(Math.Max(hi, 0.05), 2); // 1 is always on the axis; 0.01–100 at most
        double pad = 0.05 * (hi - lo);
        lo -= pad; hi += pad;

        var reference = plot.Add.VerticalLine(0, 1, ink);
        reference.LinePattern = LinePattern.Dashed;
        var labels = new string[_rows.Count];
        var estimates = new string[_rows.Count];
        var positions = new double[_rows.Count];
        for (int i = 0; i < _rows.Count; i++)
        {
            var r = _rows[i];
            double y = _rows.Count - i;
            positions[i] = y;
            estimates[i] = r.Header ? "" : !double.IsFinite(r.Ratio) ? "   —" : "   " + Ratio(r.Ratio) + " (" + Ratio(r.Lower) + "–" + Ratio(r.Upper) + ")";
            labels[i] = (r.Header ? r.Label : "   " + r.Label) + estimates[i];
            if (r.Header || !double.IsFinite(r.Ratio) || !(r.Ratio > 0)) continue;
            double l = double.IsFinite(r.Lower) && r.Lower > 0 ? Math.Max(Math.Log10(r.Lower), lo) : lo;
            double u = double.IsFinite(r.Upper) ? Math.Min(Math.Log10(r.Upper), hi) : hi;
            var bar = plot.Add.Line(l, y, u, y);
            bar.LineColor = ink;
            bar.LineWidth = 1.5f;
            var point = plot.Add.Marker(Math.Log10(r.Ratio), y, MarkerShape.FilledSquare, 8, LineChart.Palette[0].ToScottPlot());
        }
        plot.Axes.Left.SetTicks(positions, labels);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        double[] candidates = hi - lo > 2.5 ? [0.01, 0.1, 1, 10, 100] : hi - lo > 1.2 ? [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100] : [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 4, 10];
        var ticks = candidates.Where(t => Math.Log10(t) >= lo && Math.Log10(t) <= hi).ToArray();
        plot.Axes.Bottom.SetTicks(ticks.Select(Math.Log10).ToArray(), ticks.Select(t => t.ToString("0.##", CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(lo, hi, 0.3, _rows.Count + 0.7);
        FigureFile.Save(plot, path, Width, height);
    }
}
