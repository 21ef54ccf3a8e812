using SkiaSharp;

namespace Radiogenomics.Plotting;

/// <summary>
/// A contact sheet of greyscale images (MRI slices, 64×64 preprocessed tensors, the 16×16 maps of each deep-feature
/// kernel) in rows and columns, each with a caption under it, a title on top and, when the window is shared,
/// a colour bar. Small images are enlarged by whole factors (crisp pixels); large ones are shrunk by averaging.
/// Drawn with SkiaSharp: PNG at twice the nominal size, or SVG.
/// </summary>
public sealed class ImageGrid
{
    private readonly List<(GreyImage Image, string? Caption)> _items = [];

    public string? Title { get; init; }

    /// <summary>Tiles per row; default about square (⌈√n⌉).</summary>
    public int? Columns { get; init; }

    /// <summary>
    /// Longest side of each tile in pixels. Default: small images enlarged by a whole factor to about 160 px
    /// (16 → 160, 64 → 128), images of 160–384 px shown 1:1, larger ones shrunk to 384 px.
    /// </summary>
    public int? TileSize { get; init; }

    public GridWindowMode Window { get; init; } = GridWindowMode.PerImageMinMax;

    /// <summary>Percentiles for the percentile window modes.</summary>
    public double LowPercentile { get; init; } = 1;

    public double HighPercentile { get; init; } = 99;

    /// <summary>The window for <see cref="GridWindowMode.Fixed"/>.</summary>
    public DisplayWindow? FixedWindow { get; init; }

    /// <summary>Colour scale; default black-to-white. Viridis suits deep-feature maps.</summary>
    public Colormap Colormap { get; init; } = Colormap.Greys;

    /// <summary>Draw a colour bar at the right; only possible when all tiles share one window (shared or fixed modes).</summary>
    public bool ShowColorBar { get; init; }

    public string? ColorBarLabel { get; init; }

    /// <summary>Colour of NaN pixels (masked voxels).</summary>
    public Rgb NaNColor { get; init; } = new(0xF2, 0xC8, 0xE0);

    public int FontScale { get; init; } = 1;
    public int TitleScale { get; init; } = 2;

    /// <summary>Pixels between tiles.</summary>
    public int Spacing { get; init; } = 10;

    /// <summary>Caption lines under each tile; longer captions wrap at spaces, underscores or hyphens and are cut with "..".</summary>
    public int MaxCaptionLines { get; init; } = 2;

    public int Count => _items.Count;

    public ImageGrid Add(GreyImage image, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        _items.Add((image, caption));
        return this;
    }

    /// <summary>Writes the sheet as PNG, or SVG (tiles embedded as images, text as text) when the path ends in .svg.</summary>
    public void Save(string path)
    {
        SkiaLibrary.EnsureResolvable();
        if (FontScale < 1 || TitleScale < 1 || Spacing < 0 || MaxCaptionLines < 0) throw new ArgumentException("Font scales must be ≥ 1, spacing and caption lines ≥ 0.");
        if (Columns is < 1) throw new ArgumentException("Columns must be at least 1.");
        if (TileSize is < 1) throw new ArgumentException("TileSize must be at least 1.");
        if (Window == GridWindowMode.Fixed && FixedWindow is null) throw new ArgumentException("Window mode Fixed needs FixedWindow.");
        if (ShowColorBar && Window is GridWindowMode.PerImageMinMax or GridWindowMode.PerImagePercentile)
            throw new ArgumentException("A colour bar needs one window for all tiles (a shared or fixed window mode).");

        using var text = new SKFont(FigureFile.Typeface, 11 * FontScale);
        using var titleFont = new SKFont(FigureFile.Typeface, 8 * TitleScale * FontScale);
        float lineH = text.Spacing, titleH = string.IsNullOrEmpty(Title) ? 0 : titleFont.Spacing + 8;
        int n = _items.Count;
        if (n == 0)
        {
            const string empty = "(no images)";
            int w = (int)Math.Ceiling(Math.Max(text.MeasureText(empty), string.IsNullOrEmpty(Title) ? 0 : titleFont.MeasureText(Title))) + 2 * Margin;
            FigureFile.Save(path, w, (int)Math.Ceiling(Margin + titleH + lineH + Margin), canvas =>
            {
                using var ink = Ink();
                if (!string.IsNullOrEmpty(Title)) canvas.DrawText(Title, Margin, Margin + titleFont.Size, titleFont, ink);
                canvas.DrawText(empty, Margin, Margin + titleH + text.Size, text, ink);
            });
            return;
        }

        int maxW = _items.Max(i => i.Image.Width), maxH = _items.Max(i => i.Image.Height);
        double scale = TileScale(Math.Max(maxW, maxH));
        int tileW = Math.Max(1, (int)Math.Round(maxW * scale)), tileH = Math.Max(1, (int)Math.Round(maxH * scale));
        tileW = Math.Max(tileW, (int)Math.Ceiling(text.MeasureText("s00 ")));  // room for a short caption under tiny tiles
        var captions = _items.Select(i => WrapCaption(i.Caption, tileW, text)).ToList();
        int captionLines = captions.Max(c => c.Count);
        float captionH = captionLines == 0 ? 0 : 4 + captionLines * lineH;

        int cols = Math.Min(n, Columns ?? (int)Math.Ceiling(Math.Sqrt(n)));
        int rows = (n + cols - 1) / cols;
        float cellW = tileW, cellH = tileH + captionH;
        float gridW = cols * cellW + (cols - 1) * Spacing, gridH = rows * cellH + (rows - 1) * Spacing;
        var shared = SharedWindow();
        bool bar = ShowColorBar && shared is not null;
        float barLength = Math.Clamp(tileH * Math.Min(rows, 2), 80, 360), barW = bar ? 16 + 14 + 6 + text.MeasureText("-0.000") + (ColorBarLabel is null ? 0 : lineH + 4) : 0;

        float top = Margin + titleH;
        float width = Math.Max(Margin + gridW + barW + Margin, string.IsNullOrEmpty(Title) ? 0 : titleFont.MeasureText(Title) + 2 * Margin);
        float height = Math.Max(top + gridH, top + barLength + lineH) + Margin;
        float left = Margin + (width - 2 * Margin - gridW - barW) / 2; // centred when a long title made the sheet wider
        FigureFile.Save(path, (int)Math.Ceiling(width), (int)Math.Ceiling(height), canvas =>
        {
            using var ink = Ink();
            if (!string.IsNullOrEmpty(Title))
                canvas.DrawText(Title, Math.Max(Margin, (width - titleFont.MeasureText(Title)) / 2), Margin + titleFont.Size, titleFont, ink);
            for (int k = 0; k < n; k++)
            {
                var (image, _) = _items[k];
                float cx = left + (k % cols) * (cellW + Spacing), cy = top + (k / cols) * (cellH + Spacing);
                float w = Math.Max(1, (float)Math.Round(image.Width * scale)), h = Math.Max(1, (float)Math.Round(image.Height * scale));
                using var bitmap = Colour(image, shared ?? OwnWindow(image));
                using var tile = SKImage.FromBitmap(bitmap);
                // Whole-factor enlargements keep crisp pixels; shrinking averages (mipmaps).
                var sampling = scale >= 1 ? new SKSamplingOptions(SKFilterMode.Nearest) : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
                canvas.DrawImage(tile, SKRect.Create(cx + (tileW - w) / 2, cy + (tileH - h) / 2, w, h), sampling);
                for (int l = 0; l < captions[k].Count; l++)
                {
                    string line = captions[k][l];
                    canvas.DrawText(line, cx + (tileW - text.MeasureText(line)) / 2, cy + tileH + 4 + l * lineH + text.Size, text, ink);
                }
            }
            if (bar) DrawColorBar(canvas, shared!.Value, left + gridW + 16, top, barLength, text, ink);
        });
    }

    private const int Margin = 12;

    private static SKPaint Ink() => new() { Color = Rgb.Ink.ToSkia(), IsAntialias = true };

    private SKBitmap Colour(GreyImage image, DisplayWindow window)
    {
        var bitmap = new SKBitmap(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = new SKColor[image.Width * image.Height];
        var nan = NaNColor.ToSkia();
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = float.IsNaN(image.Data[i]) ? nan : Colormap.Map(image.Data[i], window).ToSkia();
        bitmap.Pixels = pixels;
        return bitmap;
    }

    private void DrawColorBar(SKCanvas canvas, DisplayWindow window, float x, float y, float length, SKFont text, SKPaint ink)
    {
        const int steps = 256;
        using (var gradient = new SKBitmap(1, steps, SKColorType.Rgba8888, SKAlphaType.Opaque))
        {
            gradient.Pixels = Enumerable.Range(0, steps).Select(i => Colormap.Map(1 - i / (steps - 1.0)).ToSkia()).ToArray();
            using var image = SKImage.FromBitmap(gradient);
            canvas.DrawImage(image, SKRect.Create(x, y, 14, length), new SKSamplingOptions(SKFilterMode.Linear));
        }
        using var frame = new SKPaint { Color = Rgb.Ink.ToSkia(), Style = SKPaintStyle.Stroke, StrokeWidth = 0.75f, IsAntialias = true };
        canvas.DrawRect(SKRect.Create(x, y, 14, length), frame);
        var ticks = AxisTicks.Nice(window.Low, window.High);
        double step = ticks.Length > 1 ? ticks[1] - ticks[0] : 1;
        foreach (var t in ticks)
        {
            if (t < window.Low || t > window.High || window.Width <= 0) continue;
            float ty = y + length * (float)(1 - window.Normalize(t));
            canvas.DrawLine(x + 14, ty, x + 18, ty, frame);
            canvas.DrawText(AxisTicks.Format(t, step), x + 20, ty + text.Size * 0.35f, text, ink);
        }
        if (ColorBarLabel is { } label)
        {
            canvas.Save();
            canvas.RotateDegrees(90, x + 26 + text.MeasureText("-0.000"), y);
            canvas.DrawText(label, x + 26 + text.MeasureText("-0.000") + (length - text.MeasureText(label)) / 2, y, text, ink);
            canvas.Restore();
        }
    }

    /// <summary>Destination pixels per source pixel for the largest image side.</summary>
    private double TileScale(int largestSide)
    {
        if (TileSize is { } t) return (double)t / largestSide;
        if (largestSide < 160) return Math.Max(1, 160 / largestSide);
        if (largestSide <= 384) return 1;
        return 384.0 / largestSide;
    }

    private DisplayWindow? SharedWindow() => Window switch
    {
        GridWindowMode.SharedMinMax => DisplayWindow.MinMax(_items.Select(i => i.Image)),
        GridWindowMode.SharedPercentile => DisplayWindow.Percentile(_items.Select(i => i.Image), LowPercentile, HighPercentile),
        GridWindowMode.Fixed => FixedWindow!.Value,
        _ => null,
    };

    private DisplayWindow OwnWindow(GreyImage image) => Window == GridWindowMode.PerImagePercentile
        ? DisplayWindow.Percentile(image.Data, LowPercentile, HighPercentile)
        : DisplayWindow.MinMax(image.Data);

    /// <summary>Greedy word wrap into at most <see cref="MaxCaptionLines"/> lines of <paramref name="width"/> points.</summary>
    private List<string> WrapCaption(string? caption, int width, SKFont font)
    {
        var lines = new List<string>();
        if (string.IsNullOrEmpty(caption) || MaxCaptionLines == 0) return lines;
        string rest = caption.Trim();
        while (rest.Length > 0 && lines.Count < MaxCaptionLines)
        {
            int fits = Fits(rest, width, font);
            if (fits >= rest.Length) { lines.Add(rest); break; }
            if (lines.Count == MaxCaptionLines - 1) { lines.Add(rest[..Math.Max(1, Fits(rest, width - (int)font.MeasureText(".."), font))] + ".."); break; }
            // Break after the last space, underscore or hyphen that fits; mid-word when there is none.
            int cut = fits > 1 ? rest.LastIndexOfAny([' ', '_', '-'], fits - 1, fits) : -1;
            int take = cut > 0 ? (rest[cut] == ' ' ? cut : cut + 1) : Math.Max(1, fits);
            lines.Add(rest[..take].TrimEnd());
            rest = rest[take..].TrimStart();
        }
        return lines;
    }

    /// <summary>How many leading characters of <paramref name="text"/> fit in <paramref name="width"/> points.</summary>
    private static int Fits(string text, int width, SKFont font)
    {
        int n = 0;
        while (n < text.Length && font.MeasureText(text.AsSpan(0, n + 1)) <= width) n++;
        return n;
    }
}
