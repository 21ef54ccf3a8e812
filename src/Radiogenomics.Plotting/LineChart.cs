namespace Radiogenomics.Plotting;

/// <summary>
/// An x–y line chart for Kaplan–Meier curves (step lines with censoring ticks) and ROC curves (straight lines,
/// diagonal reference): axes with nice ticks and labels, light grid, several series with a legend.
/// Configure with init properties, add series, then call <see cref="Render"/> or <see cref="Save"/>.
/// </summary>
public sealed class LineChart
{
    /// <summary>Okabe–Ito colours (distinguishable with colour-vision deficiency); yellow last as it is faint on white.</summary>
    public static IReadOnlyList<Rgb> Palette { get; } =
    [
        Rgb.FromHex("#0072B2"), Rgb.FromHex("#D55E00"), Rgb.FromHex("#009E73"), Rgb.FromHex("#CC79A7"),
        Rgb.FromHex("#E69F00"), Rgb.FromHex("#56B4E9"), Rgb.FromHex("#000000"), Rgb.FromHex("#F0E442"),
    ];

    private readonly List<LineSeries> _series = [];

    public string? Title { get; init; }
    public string? XLabel { get; init; }
    public string? YLabel { get; init; }

    /// <summary>Size of the whole image in pixels.</summary>
    public int Width { get; init; } = 640;

    public int Height { get; init; } = 480;

    /// <summary>Axis limits; a missing one comes from the data, rounded outward to a tick.</summary>
    public double? XMin { get; init; }

    public double? XMax { get; init; }
    public double? YMin { get; init; }
    public double? YMax { get; init; }

    /// <summary>Dashed grey y = x line (chance line of a ROC plot).</summary>
    public bool DiagonalReference { get; init; }

    public bool ShowGrid { get; init; } = true;

    public LegendPosition Legend { get; init; } = LegendPosition.Auto;

    public int FontScale { get; init; } = 1;
    public int TitleScale { get; init; } = 2;

    public IReadOnlyList<LineSeries> Series => _series;

    public LineChart Add(LineSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        _series.Add(series);
        return this;
    }

    public void Save(string path) => Render().SavePng(path);

    private const int Margin = 12, TickLength = 4, Pad = 6, CensorHalfHeight = 5;
    private const double CensorThickness = 2; // even width on pixel edges: crisp 2-pixel ticks
    private static readonly Rgb GridColor = new(0xEB, 0xEB, 0xEB), FrameColor = new(0x55, 0x55, 0x55), ReferenceColor = new(0x99, 0x99, 0x99);

    public RgbImage Render()
    {
        if (Width < 120 || Height < 100) throw new ArgumentException($"A {Width}×{Height} chart is too small (at least 120×100).");
        if (FontScale < 1 || TitleScale < 1) throw new ArgumentException("Font scales must be at least 1.");
        var font = BitmapFont.Default;
        int s = FontScale, textH = font.MeasureHeight(s), capMid = BitmapFont.CapHeight * s / 2;

        var (xLo, xHi) = AxisRange(XMin, XMax, axisX: true);
        var (yLo, yHi) = AxisRange(YMin, YMax, axisX: false);

        // Tick labels decide the margins, and the margins the number of ticks: estimate with the full size.
        var yTicks = AxisTicks.Nice(yLo, yHi, Math.Max(2, (Height - 120) / 60));
        double yStep = yTicks.Length > 1 ? yTicks[1] - yTicks[0] : AxisTicks.NiceStep(yHi - yLo);
        int yLabelW = yTicks.Select(t => font.MeasureWidth(AxisTicks.Format(t, yStep), s)).DefaultIfEmpty(0).Max();

        int titleH = string.IsNullOrEmpty(Title) ? 0 : font.MeasureHeight(TitleScale) + 12;
        int left = Margin + (string.IsNullOrEmpty(YLabel) ? 0 : textH + 8) + yLabelW + 4 + TickLength;
        int bottom = Margin + (string.IsNullOrEmpty(XLabel) ? 0 : textH + 8) + textH + 4 + TickLength;
        int top = Margin + titleH + textH / 2;
        var xTicks = AxisTicks.Nice(xLo, xHi, Math.Max(2, (Width - left - Margin) / 90));
        double xStep = xTicks.Length > 1 ? xTicks[1] - xTicks[0] : AxisTicks.NiceStep(xHi - xLo);
        int lastXLabelW = xTicks.Length == 0 ? 0 : font.MeasureWidth(AxisTicks.Format(xTicks[^1], xStep), s);
        int right = Margin + Math.Max(4, lastXLabelW / 2 - Pad);
        var plot = new PixelRect(left, top, Width - left - right, Height - top - bottom);
        if (plot.Width < 20 || plot.Height < 20) throw new ArgumentException($"A {Width}×{Height} chart leaves no room for the plot; make it larger.");
        var data = plot.Inflate(-Pad);

        double Px(double x) => data.X + (x - xLo) / (xHi - xLo) * data.Width;
        double Py(double y) => data.Bottom - (y - yLo) / (yHi - yLo) * data.Height;

        var img = new RgbImage(Width, Height, Rgb.White);

        // Grid, then ticks and labels.
        foreach (var t in xTicks)
        {
            int px = (int)Math.Floor(Px(t));
            if (ShowGrid) img.FillRectangle(px, plot.Y, 1, plot.Height, GridColor);
            img.FillRectangle(px, plot.Bottom, 1, TickLength, FrameColor);
            string label = AxisTicks.Format(t, xStep);
            img.DrawText(label, px - font.MeasureWidth(label, s) / 2, plot.Bottom + TickLength + 4, Rgb.Ink, s);
        }
        foreach (var t in yTicks)
        {
            int py = (int)Math.Floor(Py(t));
            if (ShowGrid) img.FillRectangle(plot.X, py, plot.Width, 1, GridColor);
            img.FillRectangle(plot.X - TickLength, py, TickLength, 1, FrameColor);
            string label = AxisTicks.Format(t, yStep);
            img.DrawText(label, plot.X - TickLength - 4 - font.MeasureWidth(label, s), py - capMid, Rgb.Ink, s);
        }
        img.DrawRectangle(plot.Inflate(1), FrameColor);

        if (DiagonalReference)
        {
            double lo = Math.Max(xLo, yLo), hi = Math.Min(xHi, yHi);
            if (lo < hi) DrawDashed(img, [(Px(lo), Py(lo)), (Px(hi), Py(hi))], ReferenceColor, 1.5, plot);
        }

        // Curves: pixel-space polylines, with vertices snapped so horizontal and vertical runs are crisp.
        var samples = new List<(double X, double Y)>();
        int paletteIndex = 0;
        var colours = new Rgb[_series.Count];
        for (int k = 0; k < _series.Count; k++)
        {
            var series = _series[k];
            var colour = colours[k] = series.Color ?? Palette[paletteIndex++ % Palette.Count];
            double th = series.Thickness > 0 ? series.Thickness : 2;
            foreach (var run in Runs(series))
            {
                var pts = run.Select(p => (Snap(Px(p.X), th), Snap(Py(p.Y), th))).ToList();
                if (pts.Count == 1 || series.ShowPoints)
                    foreach (var p in pts) img.FillCircle(p.Item1, p.Item2, Math.Max(2.5, th * 1.25), colour, plot);
                if (pts.Count > 1)
                {
                    if (series.Dashed) DrawDashed(img, pts, colour, th, plot);
                    else img.DrawPolyline(pts, colour, th, plot);
                }
                Sample(pts, samples);
            }
            if (series.MarkX is { } marks)
                foreach (var mx in marks)
                {
                    double my = series.ValueAt(mx);
                    if (!double.IsFinite(my)) continue;
                    double px = Snap(Px(mx), CensorThickness), py = Math.Round(Py(my));
                    img.DrawSmoothLine(px, py - CensorHalfHeight, px, py + CensorHalfHeight, colour, CensorThickness, plot);
                    samples.Add((px, py));
                }
        }

        DrawLegend(img, plot, samples, colours, font, s);

        if (!string.IsNullOrEmpty(Title))
            img.DrawText(Title, Math.Max(Margin, plot.X + (plot.Width - font.MeasureWidth(Title, TitleScale)) / 2), Margin, Rgb.Ink, TitleScale);
        if (!string.IsNullOrEmpty(XLabel))
            img.DrawText(XLabel, plot.X + (plot.Width - font.MeasureWidth(XLabel, s)) / 2, Height - Margin - textH, Rgb.Ink, s);
        if (!string.IsNullOrEmpty(YLabel))
        {
            int h = font.MeasureWidth(YLabel, s);
            img.DrawText(YLabel, Margin, plot.Y + (plot.Height - h) / 2, Rgb.Ink, s, TextOrientation.BottomToTop);
        }
        return img;
    }

    /// <summary>Axis limits: given ones kept, missing ones from the finite data rounded out to nice values; never empty.</summary>
    private (double Lo, double Hi) AxisRange(double? givenLo, double? givenHi, bool axisX)
    {
        if (givenLo is { } a && givenHi is { } b)
        {
            if (!double.IsFinite(a) || !double.IsFinite(b) || !(b > a)) throw new ArgumentException($"Axis range [{a}, {b}] is empty or not finite.");
            return (a, b);
        }
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var series in _series)
            for (int i = 0; i < series.X.Count; i++)
            {
                double x = series.X[i], y = series.Y[i];
                if (!double.IsFinite(x) || !double.IsFinite(y)) continue;
                double v = axisX ? x : y;
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        if (givenLo is { } gl) { lo = gl; hi = Math.Max(hi, gl); }
        if (givenHi is { } gh) { hi = gh; lo = Math.Min(lo, gh); }
        if (!double.IsFinite(lo) || !double.IsFinite(hi)) (lo, hi) = (0, 1);
        var (nlo, nhi) = AxisTicks.NiceRange(lo, hi);
        return (givenLo ?? nlo, givenHi ?? nhi);
    }

    /// <summary>Unbroken runs of finite points; step series get the horizontal-then-vertical corner points.</summary>
    private static IEnumerable<List<(double X, double Y)>> Runs(LineSeries series)
    {
        var run = new List<(double X, double Y)>();
        for (int i = 0; i < series.X.Count; i++)
        {
            double x = series.X[i], y = series.Y[i];
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                if (run.Count > 0) yield return run;
                run = [];
                continue;
            }
            if (series.Step && run.Count > 0) run.Add((x, run[^1].Y));
            run.Add((x, y));
        }
        if (run.Count > 0) yield return run;
    }

    /// <summary>Odd widths centre on pixel centres, even widths on pixel edges, so axis-parallel lines have no blur.</summary>
    private static double Snap(double v, double thickness)
    {
        if (!double.IsFinite(v) || Math.Abs(v) > 1e7) return v;
        double offset = ((int)Math.Round(thickness) & 1) == 1 ? 0.5 : 0;
        return Math.Round(v - offset) + offset;
    }

    private static void DrawDashed(RgbImage img, IReadOnlyList<(double X, double Y)> pts, Rgb colour, double thickness, PixelRect clip)
    {
        double on = 4 + 2 * thickness, off = 2 + 2 * thickness, period = on + off;
        double travelled = 0;
        for (int i = 0; i + 1 < pts.Count; i++)
        {
            var (ax, ay) = pts[i];
            var (bx, by) = pts[i + 1];
            double len = Math.Sqrt((bx - ax) * (bx - ax) + (by - ay) * (by - ay));
            if (len == 0) continue;
            double t = 0;
            while (t < len)
            {
                double phase = travelled % period;
                double segment = phase < on ? Math.Min(on - phase, len - t) : Math.Min(period - phase, len - t);
                if (phase < on)
                {
                    double t1 = t + segment;
                    img.DrawSmoothLine(ax + (bx - ax) * t / len, ay + (by - ay) * t / len, ax + (bx - ax) * t1 / len, ay + (by - ay) * t1 / len, colour, thickness, clip);
                }
                t += segment;
                travelled += segment;
            }
        }
    }

    private static void Sample(List<(double X, double Y)> pts, List<(double X, double Y)> samples)
    {
        samples.Add(pts[0]);
        for (int i = 0; i + 1 < pts.Count; i++)
        {
            var (ax, ay) = pts[i];
            var (bx, by) = pts[i + 1];
            int n = (int)Math.Min(2000, Math.Ceiling(Math.Max(Math.Abs(bx - ax), Math.Abs(by - ay)) / 2));
            for (int k = 1; k <= n; k++) samples.Add((ax + (bx - ax) * k / n, ay + (by - ay) * k / n));
        }
    }

    private void DrawLegend(RgbImage img, PixelRect plot, List<(double X, double Y)> samples, Rgb[] colours, BitmapFont font, int s)
    {
        if (Legend == LegendPosition.None) return;
        var entries = Enumerable.Range(0, _series.Count).Where(k => !string.IsNullOrEmpty(_series[k].Name)).ToList();
        if (entries.Count == 0) return;
        const int Inner = 6, Sample = 24, Inset = 8;
        int rowH = BitmapFont.LineHeight * s + 5;
        int textW = entries.Max(k => font.MeasureWidth(_series[k].Name, s));
        int w = Inner + Sample + 6 + textW + Inner, h = Inner + entries.Count * rowH - 5 + Inner;
        if (w > plot.Width - 2 * Inset || h > plot.Height - 2 * Inset) return; // would hide the data; leave it out

        PixelRect At(LegendPosition p) => p switch
        {
            LegendPosition.TopLeft => new PixelRect(plot.X + Inset, plot.Y + Inset, w, h),
            LegendPosition.BottomRight => new PixelRect(plot.Right - Inset - w, plot.Bottom - Inset - h, w, h),
            LegendPosition.BottomLeft => new PixelRect(plot.X + Inset, plot.Bottom - Inset - h, w, h),
            _ => new PixelRect(plot.Right - Inset - w, plot.Y + Inset, w, h),
        };
        var box = Legend != LegendPosition.Auto ? At(Legend)
            : new[] { LegendPosition.TopRight, LegendPosition.BottomRight, LegendPosition.TopLeft, LegendPosition.BottomLeft }
                .Select(At).MinBy(r => samples.Count(p => r.Inflate(2).Contains((int)Math.Floor(p.X), (int)Math.Floor(p.Y))));

        img.FillRectangle(box, Rgb.White);
        img.DrawRectangle(box, new Rgb(0xBB, 0xBB, 0xBB));
        for (int e = 0; e < entries.Count; e++)
        {
            var series = _series[entries[e]];
            int y = box.Y + Inner + e * rowH;
            double cy = y + BitmapFont.CapHeight * s / 2.0;
            double th = series.Thickness > 0 ? Math.Min(series.Thickness, 4) : 2;
            double sy = Snap(cy, th);
            var line = new List<(double X, double Y)> { (box.X + Inner, sy), (box.X + Inner + Sample, sy) };
            if (series.Dashed) DrawDashed(img, line, colours[entries[e]], th, box);
            else img.DrawPolyline(line, colours[entries[e]], th, box);
            if (series.MarkX is { Count: > 0 })
            {
                double mx = box.X + Inner + Sample / 2;
                img.DrawSmoothLine(mx, Math.Round(sy) - CensorHalfHeight + 1, mx, Math.Round(sy) + CensorHalfHeight - 1, colours[entries[e]], CensorThickness, box);
            }
            img.DrawText(series.Name, box.X + Inner + Sample + 6, y, Rgb.Ink, s);
        }
    }
}
