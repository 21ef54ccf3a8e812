namespace Radiogenomics.Plotting;

/// <summary>
/// A contact sheet of greyscale images (MRI slices, 64×64 preprocessed tensors, the 16×16 maps of each deep-feature
/// kernel) in rows and columns, each with a caption under it, a title on top and, when the window is shared,
/// a colour bar. Small images are enlarged by whole factors (crisp pixels); large ones are shrunk by averaging.
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

    public void Save(string path) => Render().SavePng(path);

    private const int Margin = 12;

    public RgbImage Render()
    {
        if (FontScale < 1 || TitleScale < 1 || Spacing < 0 || MaxCaptionLines < 0) throw new ArgumentException("Font scales must be ≥ 1, spacing and caption lines ≥ 0.");
        if (Columns is < 1) throw new ArgumentException("Columns must be at least 1.");
        if (TileSize is < 1) throw new ArgumentException("TileSize must be at least 1.");
        if (Window == GridWindowMode.Fixed && FixedWindow is null) throw new ArgumentException("Window mode Fixed needs FixedWindow.");
        if (ShowColorBar && Window is GridWindowMode.PerImageMinMax or GridWindowMode.PerImagePercentile)
            throw new ArgumentException("A colour bar needs one window for all tiles (a shared or fixed window mode).");

        var font = BitmapFont.Default;
        int s = FontScale, textH = font.MeasureHeight(s), lineH = BitmapFont.LineHeight * s;
        int titleH = string.IsNullOrEmpty(Title) ? 0 : font.MeasureHeight(TitleScale) + 12;
        int n = _items.Count;

        if (n == 0)
        {
            const string empty = "(no images)";
            int w = Math.Max(font.MeasureWidth(empty, s), string.IsNullOrEmpty(Title) ? 0 : font.MeasureWidth(Title, TitleScale)) + 2 * Margin;
            var blank = new RgbImage(w, Margin + titleH + textH + Margin, Rgb.White);
            if (!string.IsNullOrEmpty(Title)) blank.DrawText(Title, Margin, Margin, Rgb.Ink, TitleScale);
            blank.DrawText(empty, Margin, Margin + titleH, Rgb.Ink, s);
            return blank;
        }

        int maxW = _items.Max(i => i.Image.Width), maxH = _items.Max(i => i.Image.Height);
        double scale = TileScale(Math.Max(maxW, maxH));
        int tileW = Math.Max(1, (int)Math.Round(maxW * scale)), tileH = Math.Max(1, (int)Math.Round(maxH * scale));
        tileW = Math.Max(tileW, 3 * BitmapFont.Advance * s); // room for a short caption under tiny tiles

        var captions = _items.Select(i => WrapCaption(i.Caption, tileW, font, s)).ToList();
        int captionLines = captions.Max(c => c.Count);
        int captionH = captionLines == 0 ? 0 : 4 + captionLines * lineH;

        int cols = Math.Min(n, Columns ?? (int)Math.Ceiling(Math.Sqrt(n)));
        int rows = (n + cols - 1) / cols;
        int cellW = tileW, cellH = tileH + captionH;
        int gridW = cols * cellW + (cols - 1) * Spacing, gridH = rows * cellH + (rows - 1) * Spacing;

        var shared = SharedWindow();
        ColorBar? bar = null;
        int barW = 0, barH = 0;
        if (ShowColorBar && shared is { } sw)
        {
            bar = new ColorBar(Colormap, sw) { Label = ColorBarLabel, Length = Math.Clamp(tileH * Math.Min(rows, 2), 80, 360), FontScale = s };
            (barW, barH) = bar.Measure();
        }

        int top = Margin + titleH;
        int width = Margin + gridW + (bar is null ? 0 : 16 + barW) + Margin;
        if (!string.IsNullOrEmpty(Title)) width = Math.Max(width, font.MeasureWidth(Title, TitleScale) + 2 * Margin);
        int height = Math.Max(top + gridH, top - textH / 2 + barH) + Margin;
        var img = new RgbImage(width, height, Rgb.White);
        // Centre the tiles (and bar) when a long title made the sheet wider than they are.
        int left = Margin + (width - 2 * Margin - gridW - (bar is null ? 0 : 16 + barW)) / 2;
        if (!string.IsNullOrEmpty(Title))
            img.DrawText(Title, Math.Max(Margin, (width - font.MeasureWidth(Title, TitleScale)) / 2), Margin, Rgb.Ink, TitleScale);

        for (int k = 0; k < n; k++)
        {
            var (image, _) = _items[k];
            int cx = left + (k % cols) * (cellW + Spacing), cy = top + (k / cols) * (cellH + Spacing);
            int w = Math.Max(1, (int)Math.Round(image.Width * scale)), h = Math.Max(1, (int)Math.Round(image.Height * scale));
            var dest = new PixelRect(cx + (tileW - w) / 2, cy + (tileH - h) / 2, w, h);
            var window = shared ?? OwnWindow(image);
            img.Blit(image, dest, window, Colormap, NaNColor);

            var lines = captions[k];
            for (int l = 0; l < lines.Count; l++)
            {
                int lw = font.MeasureWidth(lines[l], s);
                img.DrawText(lines[l], cx + (tileW - lw) / 2, cy + tileH + 4 + l * lineH, Rgb.Ink, s);
            }
        }

        bar?.Draw(img, left + gridW + 16, top - textH / 2); // bar top level with the first row of tiles
        return img;
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

    /// <summary>Greedy word wrap into at most <see cref="MaxCaptionLines"/> lines of <paramref name="width"/> pixels.</summary>
    private List<string> WrapCaption(string? caption, int width, BitmapFont font, int s)
    {
        var lines = new List<string>();
        if (string.IsNullOrEmpty(caption) || MaxCaptionLines == 0) return lines;
        int perLine = Math.Max(1, (width / s + 1) / BitmapFont.Advance);
        string rest = caption.Trim();
        while (rest.Length > 0 && lines.Count < MaxCaptionLines)
        {
            if (rest.Length <= perLine) { lines.Add(rest); rest = ""; break; }
            if (lines.Count == MaxCaptionLines - 1) { lines.Add(font.Truncate(rest, width, s)); rest = ""; break; }
            // Break after the last space, underscore or hyphen that fits; mid-word when there is none.
            int cut = rest.LastIndexOfAny([' ', '_', '-'], perLine - 1, perLine);
            int take = cut > 0 ? (rest[cut] == ' ' ? cut : cut + 1) : perLine;
            lines.Add(rest[..take].TrimEnd());
            rest = rest[take..].TrimStart();
        }
        return lines;
    }
}
