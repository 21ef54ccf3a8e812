namespace Radiogenomics.Plotting;

/// <summary>
/// A vertical colour bar (high values at the top) with tick marks, value labels and an optional rotated title,
/// e.g. "-log10 q" beside a heatmap.
/// </summary>
public sealed class ColorBar
{
    public ColorBar(Colormap colormap, DisplayWindow range)
    {
        Colormap = colormap ?? throw new ArgumentNullException(nameof(colormap));
        Range = range;
    }

    public Colormap Colormap { get; }
    public DisplayWindow Range { get; }

    /// <summary>Title drawn rotated (bottom to top) to the right of the labels.</summary>
    public string? Label { get; init; }

    /// <summary>Length of the coloured bar in pixels.</summary>
    public int Length { get; init; } = 200;

    /// <summary>Width of the coloured bar in pixels.</summary>
    public int Thickness { get; init; } = 14;

    public int FontScale { get; init; } = 1;

    /// <summary>About how many ticks to label (nice values are chosen near it).</summary>
    public int TickCount { get; init; } = 5;

    /// <summary>Explicit tick values; values outside the range are dropped.</summary>
    public IReadOnlyList<double>? Ticks { get; init; }

    public Rgb TextColor { get; init; } = Rgb.Ink;

    private const int TickLength = 4, Gap = 3, TitleGap = 8;

    /// <summary>Width and height of everything <see cref="Draw"/> paints (labels overhang the bar by half a text height).</summary>
    public (int Width, int Height) Measure()
    {
        var font = BitmapFont.Default;
        int textH = font.MeasureHeight(FontScale);
        int labelsW = 0;
        foreach (var (_, text) in TickLabels()) labelsW = Math.Max(labelsW, font.MeasureWidth(text, FontScale));
        int width = Thickness + TickLength + Gap + labelsW;
        if (!string.IsNullOrEmpty(Label)) width += TitleGap + textH;
        int titleLen = string.IsNullOrEmpty(Label) ? 0 : font.MeasureWidth(Label, FontScale);
        return (width, Math.Max(Length, titleLen) + textH);
    }

    /// <summary>Draws with the top-left corner of the measured box at (x, y); the bar starts half a text height lower.</summary>
    public void Draw(RgbImage image, int x, int y)
    {
        ArgumentNullException.ThrowIfNull(image);
        var font = BitmapFont.Default;
        int textH = font.MeasureHeight(FontScale);
        int barTop = y + textH / 2;
        int len = Math.Max(2, Length);
        for (int i = 0; i < len; i++)
        {
            double t = 1 - (double)i / (len - 1); // top row = High
            image.FillRectangle(x, barTop + i, Thickness, 1, Colormap.Map(t));
        }
        image.DrawRectangle(x - 1, barTop - 1, Thickness + 2, len + 2, new Rgb(0x88, 0x88, 0x88));

        int labelsW = 0;
        foreach (var (value, text) in TickLabels())
        {
            double t = Range.Normalize(value);
            if (double.IsNaN(t)) continue;
            int ty = barTop + (int)Math.Round((1 - t) * (len - 1));
            image.FillRectangle(x + Thickness, ty, TickLength, 1, TextColor);
            image.DrawText(text, x + Thickness + TickLength + Gap, ty - CapCentre(), TextColor, FontScale);
            labelsW = Math.Max(labelsW, font.MeasureWidth(text, FontScale));
        }

        if (!string.IsNullOrEmpty(Label))
        {
            var (_, lh) = font.Measure(Label, FontScale, TextOrientation.BottomToTop);
            int lx = x + Thickness + TickLength + Gap + labelsW + TitleGap;
            image.DrawText(Label, lx, barTop + (len - lh) / 2, TextColor, FontScale, TextOrientation.BottomToTop);
        }
    }

    /// <summary>Offset from the top of a text line to the middle of its capitals, to centre labels on ticks.</summary>
    private int CapCentre() => BitmapFont.CapHeight * FontScale / 2;

    private IEnumerable<(double Value, string Text)> TickLabels()
    {
        double lo = Math.Min(Range.Low, Range.High), hi = Math.Max(Range.Low, Range.High);
        double[] values;
        double step;
        if (Ticks is { } given)
        {
            values = given.Where(v => double.IsFinite(v) && v >= lo - 1e-12 * Math.Abs(hi - lo) && v <= hi + 1e-12 * Math.Abs(hi - lo)).ToArray();
            step = values.Length > 1 ? values.Zip(values.Skip(1), (a, b) => Math.Abs(b - a)).Where(d => d > 0).DefaultIfEmpty(1).Min() : AxisTicks.NiceStep(hi - lo, TickCount);
        }
        else
        {
            values = AxisTicks.Nice(lo, hi, TickCount);
            step = values.Length > 1 ? values[1] - values[0] : Math.Max(Math.Abs(lo), 1) / 10;
        }
        foreach (var v in values) yield return (v, AxisTicks.Format(v, step));
    }
}
