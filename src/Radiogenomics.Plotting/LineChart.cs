using ScottPlot;

namespace Radiogenomics.Plotting;

/// <summary>
/// An x–y line chart for training curves, Kaplan–Meier curves (step lines with censoring ticks) and ROC curves
/// (straight lines, diagonal reference): a ScottPlot figure with labelled axes, light grid and a legend.
/// Configure with init properties, add series, then <see cref="Save"/> as .png or .svg.
/// </summary>
public sealed class LineChart
{
    /// <summary>Okabe–Ito colours (distinguishable with colour-vision deficiency); yellow last as it is faint on white.</summary>
    public static IReadOnlyList<Rgb> Palette { get; } =
    [
        Rgb.FromHex("#0072B2"), Rgb.FromHex("#D55E00"), Rgb.FromHex("#009E73"), Rgb.FromHex("#CC79A7"),
        Rgb.FromHex("#E69F00"), Rgb.FromHex("#56B4E9"), Rgb.FromHex("#000000"), Rgb.FromHex("#F0E442"),
    ];

    private static readonly Rgb ReferenceColor = new(0x99, 0x99, 0x99);

    private readonly List<LineSeries> _series = [];

    public string? Title { get; init; }
    public string? XLabel { get; init; }
    public string? YLabel { get; init; }

    /// <summary>Nominal size in points (SVG pixels); PNG is rendered at <see cref="FigureFile.PngScale"/>× this.</summary>
    public int Width { get; init; } = 640;

    public int Height { get; init; } = 480;

    /// <summary>Axis limits; a missing one comes from the data.</summary>
    public double? XMin { get; init; }

    public double? XMax { get; init; }
    public double? YMin { get; init; }
    public double? YMax { get; init; }

    /// <summary>Dashed grey y = x line (chance line of a ROC plot).</summary>
    public bool DiagonalReference { get; init; }

    public bool ShowGrid { get; init; } = true;

    public LegendPosition Legend { get; init; } = LegendPosition.Auto;

    /// <summary>Multiplies the text sizes (tick labels 12, axis labels 14, title 16 × <see cref="TitleScale"/>/2).</summary>
    public int FontScale { get; init; } = 1;

    public int TitleScale { get; init; } = 2;

    public IReadOnlyList<LineSeries> Series => _series;

    public LineChart Add(LineSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        _series.Add(series);
        return this;
    }

    /// <summary>Writes the chart as PNG, or SVG when the path ends in .svg.</summary>
    public void Save(string path)
    {
        SkiaLibrary.EnsureResolvable();
        if (Width < 64 || Height < 64) throw new ArgumentException($"A {Width}×{Height} chart is too small to read; use at least 64×64.");
        if (FontScale < 1 || TitleScale < 1) throw new ArgumentException("Font scales must be at least 1.");
        FigureFile.Save(Build(), path, Width, Height);
    }

    /// <summary>The ScottPlot figure, for composites that draw more around it (the Kaplan–Meier risk table).</summary>
    internal Plot Build()
    {
        var plot = new Plot();
        plot.Font.Set(FigureFile.FontFamily);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12 * FontScale;
        plot.Axes.Left.TickLabelStyle.FontSize = 12 * FontScale;
        if (!string.IsNullOrEmpty(Title)) plot.Title(Title, 8f * TitleScale * FontScale);
        if (!string.IsNullOrEmpty(XLabel)) plot.XLabel(XLabel, 14 * FontScale);
        if (!string.IsNullOrEmpty(YLabel)) plot.YLabel(YLabel, 14 * FontScale);
        if (!ShowGrid) plot.HideGrid();

        // Dashes are cut here rather than by a path effect, which Skia's SVG writer cannot express.
        var (unitX, unitY) = DataUnitsPerPoint();
        if (DiagonalReference)
        {
            var (lo, hi) = DiagonalRange();
            AddDashed(plot, [lo, hi], [lo, hi], ReferenceColor.ToScottPlot(), 1, unitX, unitY);
        }

        for (int k = 0; k < _series.Count; k++)
        {
            var series = _series[k];
            var color = (series.Color ?? Palette[k % Palette.Count]).ToScottPlot();
            bool labelled = false;
            foreach (var (xs, ys) in Segments(series))
            {
                if (series.Dashed)
                {
                    var (px, py) = series.Step ? StepPath(xs, ys) : (xs, ys);
                    AddDashed(plot, px, py, color, (float)series.Thickness, unitX, unitY);
                }
                var line = plot.Add.Scatter(xs, ys, color);
                line.LineWidth = series.Dashed ? 0 : (float)series.Thickness; // a dashed series keeps this invisible line for its legend entry and points
                line.ConnectStyle = series.Step ? ConnectStyle.StepHorizontal : ConnectStyle.Straight;
                line.MarkerSize = series.ShowPoints || xs.Length == 1 ? 5 : 0;
                if (!labelled && series.Name.Length > 0)
                {
                    plot.Legend.ManualItems.Add(new LegendItem
                    {
                        LabelText = series.Name, LineColor = color, LineWidth = (float)series.Thickness,
                        MarkerShape = series.ShowPoints ? MarkerShape.FilledCircle : MarkerShape.None, MarkerColor = color, MarkerSize = 5,
                    });
                    labelled = true;
                }
            }
            if (series.MarkX is { Count: > 0 } marks)
            {
                var at = marks.Select(x => (X: x, Y: series.ValueAt(x))).Where(m => double.IsFinite(m.Y)).ToArray();
                if (at.Length > 0)
                {
                    var ticks = plot.Add.Markers(at.Select(m => m.X).ToArray(), at.Select(m => m.Y).ToArray(), MarkerShape.VerticalBar, 9, color);
                    ticks.MarkerLineWidth = 1.5f;
                }
            }
        }

        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimits(XMin ?? limits.Left, XMax ?? limits.Right, YMin ?? limits.Bottom, YMax ?? limits.Top);

        var position = ResolveLegend(plot.Axes.GetLimits());
        if (position == LegendPosition.None || !_series.Any(s => s.Name.Length > 0)) plot.HideLegend();
        else
        {
            plot.ShowLegend(position switch
            {
                LegendPosition.TopLeft => Alignment.UpperLeft, LegendPosition.BottomRight => Alignment.LowerRight,
                LegendPosition.BottomLeft => Alignment.LowerLeft, _ => Alignment.UpperRight,
            });
            plot.Legend.FontSize = 12 * FontScale;
        }
        return plot;
    }

    /// <summary>Approximate data units per point of the plot area (about 85 % × 80 % of the figure), for dash lengths.</summary>
    private (double X, double Y) DataUnitsPerPoint()
    {
        var xs = _series.SelectMany(s => s.X).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var ys = _series.SelectMany(s => s.Y).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        double xLo = XMin ?? xs.Min(), xHi = XMax ?? xs.Max(), yLo = YMin ?? ys.Min(), yHi = YMax ?? ys.Max();
        if (DiagonalReference) { var (lo, hi) = DiagonalRange(); xLo = Math.Min(xLo, lo); xHi = Math.Max(xHi, hi); yLo = Math.Min(yLo, lo); yHi = Math.Max(yHi, hi); }
        double w = xHi - xLo, h = yHi - yLo;
        return ((w > 0 ? w : 1) / (0.85 * Width), (h > 0 ? h : 1) / (0.8 * Height));
    }

    /// <summary>A polyline cut into 6-point dashes with 4-point gaps, measured on the page.</summary>
    private static void AddDashed(Plot plot, double[] xs, double[] ys, Color color, float width, double unitX, double unitY)
    {
        const double dash = 6, gap = 4;
        double phase = 0; // distance along the current dash-gap period, in points
        for (int i = 1; i < xs.Length; i++)
        {
            double dx = (xs[i] - xs[i - 1]) / unitX, dy = (ys[i] - ys[i - 1]) / unitY, length = Math.Sqrt(dx * dx + dy * dy);
            double at = 0;
            while (at < length)
            {
                bool drawing = phase < dash;
                double step = Math.Min(length - at, drawing ? dash - phase : dash + gap - phase);
                if (drawing && step > 0)
                {
                    double t0 = at / length, t1 = (at + step) / length;
                    var piece = plot.Add.Line(xs[i - 1] + t0 * (xs[i] - xs[i - 1]), ys[i - 1] + t0 * (ys[i] - ys[i - 1]),
                        xs[i - 1] + t1 * (xs[i] - xs[i - 1]), ys[i - 1] + t1 * (ys[i] - ys[i - 1]));
                    piece.Color = color;
                    piece.LineWidth = width;
                }
                at += step;
                phase = (phase + step) % (dash + gap);
            }
        }
    }

    /// <summary>The corner points of a right-continuous step curve.</summary>
    private static (double[] X, double[] Y) StepPath(double[] xs, double[] ys)
    {
        var px = new List<double> { xs[0] };
        var py = new List<double> { ys[0] };
        for (int i = 1; i < xs.Length; i++)
        {
            px.Add(xs[i]); py.Add(ys[i - 1]);
            px.Add(xs[i]); py.Add(ys[i]);
        }
        return (px.ToArray(), py.ToArray());
    }

    /// <summary>Runs of finite points: a NaN or infinite x or y breaks the line.</summary>
    private static IEnumerable<(double[] X, double[] Y)> Segments(LineSeries series)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i <= series.X.Count; i++)
        {
            if (i < series.X.Count && double.IsFinite(series.X[i]) && double.IsFinite(series.Y[i]))
            {
                xs.Add(series.X[i]);
                ys.Add(series.Y[i]);
                continue;
            }
            if (xs.Count > 0) yield return (xs.ToArray(), ys.ToArray());
            xs.Clear();
            ys.Clear();
        }
    }

    private (double Low, double High) DiagonalRange()
    {
        double lo = Math.Min(XMin ?? 0, YMin ?? 0), hi = Math.Max(XMax ?? 1, YMax ?? 1);
        return (lo, hi);
    }

    /// <summary>
    /// Where the legend goes: as asked, or for <see cref="LegendPosition.Auto"/> the corner quarter of the axes that
    /// the curves cross least (sampled along each drawn segment, steps included; top right wins ties).
    /// </summary>
    internal LegendPosition ResolveLegend(AxisLimits limits)
    {
        if (Legend != LegendPosition.Auto) return Legend;
        LegendPosition[] corners = [LegendPosition.TopRight, LegendPosition.TopLeft, LegendPosition.BottomRight, LegendPosition.BottomLeft];
        var counts = new int[4];
        double midX = (limits.Left + limits.Right) / 2, midY = (limits.Bottom + limits.Top) / 2;
        void Count(double x, double y)
        {
            if (x < Math.Min(limits.Left, limits.Right) || x > Math.Max(limits.Left, limits.Right) || y < Math.Min(limits.Bottom, limits.Top) || y > Math.Max(limits.Bottom, limits.Top)) return;
            counts[(y >= midY ? 0 : 2) + (x >= midX ? 0 : 1)]++;
        }
        const int samples = 32;
        foreach (var series in _series)
            foreach (var (xs, ys) in Segments(series))
            {
                if (xs.Length == 1) Count(xs[0], ys[0]);
                for (int i = 1; i < xs.Length; i++)
                    for (int k = 0; k <= samples; k++)
                    {
                        double t = (double)k / samples;
                        if (series.Step) { Count(xs[i - 1] + t * (xs[i] - xs[i - 1]), ys[i - 1]); Count(xs[i], ys[i - 1] + t * (ys[i] - ys[i - 1])); }
                        else Count(xs[i - 1] + t * (xs[i] - xs[i - 1]), ys[i - 1] + t * (ys[i] - ys[i - 1]));
                    }
            }
        int best = 0;
        for (int c = 1; c < 4; c++) if (counts[c] < counts[best]) best = c;
        return corners[best];
    }
}
