using ScottPlot;
using SkiaSharp;

namespace Radiogenomics.Plotting;

/// <summary>
/// Kaplan–Meier curves (steps from S(0) = 1, censoring ticks) with the number-at-risk table under the x axis, one row
/// per curve in its colour, counts aligned with the chosen times — the layout of survminer's
/// <c>ggsurvplot(risk.table = TRUE)</c>. The chart is a <see cref="LineChart"/>; the table is drawn under it on the
/// same canvas, at the x positions ScottPlot gave the risk times.
/// </summary>
public sealed class KaplanMeierPlot
{
    private readonly List<(string Name, IReadOnlyList<double> Time, IReadOnlyList<double> Survival, IReadOnlyList<double> Censored, IReadOnlyList<int> AtRisk)> _curves = [];

    public string? Title { get; init; }
    public string XLabel { get; init; } = "time";
    public string YLabel { get; init; } = "survival probability";

    /// <summary>Width of the figure, and height of the chart part (the risk table adds a row per curve).</summary>
    public int Width { get; init; } = 720;

    public int ChartHeight { get; init; } = 440;

    /// <summary>Times at which the risk table gives the number at risk (within the x axis).</summary>
    public IReadOnlyList<double> RiskTimes { get; init; } = [];

    /// <summary>Adds a curve: its step times and S(t), censoring times (ticks), and the number at risk at each of <see cref="RiskTimes"/>.</summary>
    public KaplanMeierPlot Add(string name, IReadOnlyList<double> time, IReadOnlyList<double> survival, IReadOnlyList<double> censored, IReadOnlyList<int> atRisk)
    {
        if (time.Count != survival.Count) throw new ArgumentException($"Curve '{name}' has {time.Count} times and {survival.Count} survival values.");
        if (atRisk.Count != RiskTimes.Count) throw new ArgumentException($"Curve '{name}' has {atRisk.Count} numbers at risk for {RiskTimes.Count} risk times.");
        _curves.Add((name, time, survival, censored, atRisk));
        return this;
    }

    /// <summary>Writes the figure as PNG, or SVG when the path ends in .svg.</summary>
    public void Save(string path)
    {
        SkiaLibrary.EnsureResolvable();
        // The x axis reaches the last risk time, as survminer's breaks do.
        double? xMax = RiskTimes.Count > 0 ? Math.Max(RiskTimes.Max(), _curves.SelectMany(c => c.Time).DefaultIfEmpty(0).Max()) : null;
        var chart = new LineChart { Title = Title, XLabel = XLabel, YLabel = YLabel, Width = Width, Height = ChartHeight, YMin = 0, YMax = 1, XMin = 0, XMax = xMax, Legend = LegendPosition.Auto };
        for (int k = 0; k < _curves.Count; k++)
        {
            var c = _curves[k];
            var x = new List<double> { 0 };
            var y = new List<double> { 1 };
            for (int i = 0; i < c.Time.Count; i++) { x.Add(c.Time[i]); y.Add(c.Survival[i]); }
            chart.Add(new LineSeries(c.Name, x, y) { Step = true, MarkX = c.Censored, Color = LineChart.Palette[k % LineChart.Palette.Count] });
        }
        var plot = chart.Build();
        using var text = new SKFont(FigureFile.Typeface, 12);
        // Room on the left for the curve names of the table, and on the right for the last tick label and count.
        plot.Axes.Left.MinimumSize = Math.Max(60, _curves.Select(c => text.MeasureText(c.Name)).DefaultIfEmpty(0).Max() + 36);
        plot.Axes.Right.MinimumSize = 30;
        if (RiskTimes.Count > 1) // the x ticks are the risk times, so each count stands under its tick
            plot.Axes.Bottom.SetTicks(RiskTimes.ToArray(), RiskTimes.Select(t => t.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        float rowHeight = text.Spacing + 4, tableHeight = 10 + rowHeight * (_curves.Count + 1) + 6;
        FigureFile.Save(path, Width, (int)Math.Ceiling(ChartHeight + tableHeight), canvas =>
        {
            plot.Render(canvas, new PixelRect(0, Width, ChartHeight, 0));
            var data = plot.RenderManager.LastRender.DataRect;
            using var ink = new SKPaint { Color = Rgb.Ink.ToSkia(), IsAntialias = true };
            float y0 = ChartHeight + 10 + text.Size;
            canvas.DrawText("Number at risk", 12, y0, text, ink);
            var axis = plot.Axes.GetLimits();
            for (int k = 0; k < _curves.Count; k++)
            {
                float yk = y0 + rowHeight * (k + 1);
                using var paint = new SKPaint { Color = LineChart.Palette[k % LineChart.Palette.Count].ToSkia(), IsAntialias = true };
                string label = _curves[k].Name;
                // The name right-aligned left of the data area.
                canvas.DrawText(label, Math.Max(4, data.Left - 28 - text.MeasureText(label)), yk, text, paint); // clear of a count centred at time 0
                for (int i = 0; i < RiskTimes.Count; i++)
                {
                    double t = RiskTimes[i];
                    if (t < axis.Left || t > axis.Right) continue;
                    string count = _curves[k].AtRisk[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
                    float px = plot.GetPixel(new Coordinates(t, 0)).X;
                    canvas.DrawText(count, px - text.MeasureText(count) / 2, yk, text, paint);
                }
            }
        });
    }
}
