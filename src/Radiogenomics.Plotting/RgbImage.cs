namespace Radiogenomics.Plotting;

/// <summary>
/// An 8-bit RGB raster, row-major (R, G, B per pixel), with the drawing primitives the charts need.
/// Drawing calls clip silently to the image, so callers can draw shapes that stick out of it.
/// </summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height) : this(width, height, Rgb.White) { }

    public RgbImage(int width, int height, Rgb background)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Image size {width}×{height} must be positive.");
        long bytes = (long)width * height * 3;
        if (bytes > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(width), $"A {width}×{height} RGB image needs {bytes} bytes, more than one array can hold.");
        Width = width;
        Height = height;
        Pixels = new byte[bytes];
        Clear(background);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The RGB8 buffer: pixel (x, y) starts at <c>3 * (y * Width + x)</c>.</summary>
    public byte[] Pixels { get; }

    public PixelRect Bounds => new(0, 0, Width, Height);

    public Rgb GetPixel(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Pixel ({x}, {y}) is outside the {Width}×{Height} image.");
        int i = 3 * (y * Width + x);
        return new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]);
    }

    /// <summary>Sets one pixel; coordinates outside the image are ignored.</summary>
    public void SetPixel(int x, int y, Rgb color)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) return;
        int i = 3 * (y * Width + x);
        Pixels[i] = color.R;
        Pixels[i + 1] = color.G;
        Pixels[i + 2] = color.B;
    }

    /// <summary>Mixes <paramref name="color"/> into a pixel with weight <paramref name="coverage"/> in [0, 1] (anti-aliasing).</summary>
    public void BlendPixel(int x, int y, Rgb color, double coverage)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height || !(coverage > 0)) return;
        int i = 3 * (y * Width + x);
        if (coverage >= 1)
        {
            Pixels[i] = color.R; Pixels[i + 1] = color.G; Pixels[i + 2] = color.B;
            return;
        }
        var mixed = Rgb.Lerp(new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]), color, coverage);
        Pixels[i] = mixed.R; Pixels[i + 1] = mixed.G; Pixels[i + 2] = mixed.B;
    }

    public void Clear(Rgb color) => FillRectangle(0, 0, Width, Height, color);

    public void FillRectangle(PixelRect rect, Rgb color) => FillRectangle(rect.X, rect.Y, rect.Width, rect.Height, color);

    public void FillRectangle(int x, int y, int width, int height, Rgb color)
    {
        var r = new PixelRect(x, y, width, height).Intersect(Bounds);
        if (r.IsEmpty) return;
        // Fill the first row, then copy it: much faster than per-pixel writes for large cells.
        int rowStart = 3 * (r.Y * Width + r.X);
        for (int i = 0; i < r.Width; i++)
        {
            Pixels[rowStart + 3 * i] = color.R;
            Pixels[rowStart + 3 * i + 1] = color.G;
            Pixels[rowStart + 3 * i + 2] = color.B;
        }
        var first = Pixels.AsSpan(rowStart, 3 * r.Width);
        for (int yy = r.Y + 1; yy < r.Bottom; yy++) first.CopyTo(Pixels.AsSpan(3 * (yy * Width + r.X)));
    }

    /// <summary>Outline drawn inside the rectangle, <paramref name="thickness"/> pixels wide.</summary>
    public void DrawRectangle(PixelRect rect, Rgb color, int thickness = 1) => DrawRectangle(rect.X, rect.Y, rect.Width, rect.Height, color, thickness);

    public void DrawRectangle(int x, int y, int width, int height, Rgb color, int thickness = 1)
    {
        if (width <= 0 || height <= 0 || thickness <= 0) return;
        int t = Math.Min(thickness, Math.Min((width + 1) / 2, (height + 1) / 2));
        FillRectangle(x, y, width, t, color);
        FillRectangle(x, y + height - t, width, t, color);
        FillRectangle(x, y, t, height, color);
        FillRectangle(x + width - t, y, t, height, color);
    }

    /// <summary>Aliased line between pixel centres (Bresenham), with a square pen of <paramref name="thickness"/> pixels.</summary>
    public void DrawLine(int x0, int y0, int x1, int y1, Rgb color, int thickness = 1)
    {
        if (thickness <= 0) return;
        int lo = -(thickness - 1) / 2;
        int dx = Math.Abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
        int dy = -Math.Abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        while (true)
        {
            if (thickness == 1) SetPixel(x0, y0, color);
            else FillRectangle(x0 + lo, y0 + lo, thickness, thickness, color);
            if (x0 == x1 && y0 == y1) break;
            int e2 = 2 * err;
            if (e2 >= dy) { err += dy; x0 += sx; }
            if (e2 <= dx) { err += dx; y0 += sy; }
        }
    }

    /// <summary>
    /// Anti-aliased line in continuous pixel coordinates (pixel (i, j) covers [i, i+1) × [j, j+1)),
    /// <paramref name="thickness"/> pixels wide with round caps; nothing is drawn outside <paramref name="clip"/>.
    /// </summary>
    public void DrawSmoothLine(double x0, double y0, double x1, double y1, Rgb color, double thickness = 1, PixelRect? clip = null) =>
        DrawPolyline([(x0, y0), (x1, y1)], color, thickness, clip);

    /// <summary>
    /// Anti-aliased connected line through <paramref name="points"/>. Coverage is the maximum over the segments,
    /// so joints are not blended twice. Non-finite points are skipped.
    /// </summary>
    public void DrawPolyline(IReadOnlyList<(double X, double Y)> points, Rgb color, double thickness = 1, PixelRect? clip = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0 || !(thickness > 0)) return;
        double r = thickness / 2;
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        var pts = new List<(double X, double Y)>(points.Count);
        foreach (var p in points)
        {
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y)) continue;
            pts.Add(p);
            minX = Math.Min(minX, p.X); maxX = Math.Max(maxX, p.X);
            minY = Math.Min(minY, p.Y); maxY = Math.Max(maxY, p.Y);
        }
        if (pts.Count == 0) return;
        var limit = clip is { } c ? c.Intersect(Bounds) : Bounds;
        var box = BoxAround(minX, minY, maxX, maxY, r).Intersect(limit);
        if (box.IsEmpty) return;

        var coverage = new float[box.Width * box.Height];
        for (int s = 0; s < Math.Max(1, pts.Count - 1); s++)
        {
            var a = pts[s];
            var b = pts[Math.Min(s + 1, pts.Count - 1)];
            var seg = BoxAround(Math.Min(a.X, b.X), Math.Min(a.Y, b.Y), Math.Max(a.X, b.X), Math.Max(a.Y, b.Y), r).Intersect(box);
            double dx = b.X - a.X, dy = b.Y - a.Y, len2 = dx * dx + dy * dy;
            for (int py = seg.Y; py < seg.Bottom; py++)
            {
                double cy = py + 0.5;
                for (int px = seg.X; px < seg.Right; px++)
                {
                    double cx = px + 0.5;
                    double t = len2 > 0 ? Math.Clamp(((cx - a.X) * dx + (cy - a.Y) * dy) / len2, 0, 1) : 0;
                    double ex = a.X + t * dx - cx, ey = a.Y + t * dy - cy;
                    double cov = r + 0.5 - Math.Sqrt(ex * ex + ey * ey);
                    if (cov <= 0) continue;
                    int k = (py - box.Y) * box.Width + (px - box.X);
                    if (cov > coverage[k]) coverage[k] = (float)Math.Min(cov, 1);
                }
            }
        }
        for (int py = 0; py < box.Height; py++)
            for (int px = 0; px < box.Width; px++)
            {
                float cov = coverage[py * box.Width + px];
                if (cov > 0) BlendPixel(box.X + px, box.Y + py, color, cov);
            }
    }

    /// <summary>Anti-aliased filled disc (data points, markers).</summary>
    public void FillCircle(double cx, double cy, double radius, Rgb color, PixelRect? clip = null) =>
        DrawPolyline([(cx, cy)], color, 2 * radius, clip);

    /// <summary>
    /// Draws a greyscale image 1:1 with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>),
    /// mapping <paramref name="window"/> onto <paramref name="colormap"/> (default black-to-white); NaN pixels get <paramref name="nanColor"/>.
    /// </summary>
    public void Blit(GreyImage image, int x, int y, DisplayWindow window, Colormap? colormap = null, Rgb? nanColor = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        Blit(image, new PixelRect(x, y, image.Width, image.Height), window, colormap, nanColor);
    }

    /// <summary>
    /// Draws a greyscale image scaled into <paramref name="destination"/>: nearest neighbour when enlarging
    /// (feature maps stay crisp squares), the mean of the covered source pixels when shrinking (no aliasing).
    /// </summary>
    public void Blit(GreyImage image, PixelRect destination, DisplayWindow window, Colormap? colormap = null, Rgb? nanColor = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var map = colormap ?? Colormap.Greys;
        var nan = nanColor ?? Rgb.MissingGrey;
        var visible = destination.Intersect(Bounds);
        if (visible.IsEmpty) return;
        double sx = (double)image.Width / destination.Width, sy = (double)image.Height / destination.Height;
        for (int py = visible.Y; py < visible.Bottom; py++)
        {
            int dy = py - destination.Y;
            var (y0, y1) = SourceSpan(dy, sy, image.Height);
            for (int px = visible.X; px < visible.Right; px++)
            {
                int dx = px - destination.X;
                var (x0, x1) = SourceSpan(dx, sx, image.Width);
                double sum = 0;
                int n = 0;
                for (int yy = y0; yy < y1; yy++)
                    for (int xx = x0; xx < x1; xx++)
                    {
                        float v = image.Data[yy * image.Width + xx];
                        if (float.IsNaN(v)) continue;
                        sum += v;
                        n++;
                    }
                SetPixel(px, py, n == 0 ? nan : map.Map(window.Normalize(sum / n)));
            }
        }
    }

    /// <summary>Source pixel range [from, to) that destination pixel <paramref name="d"/> covers at scale <paramref name="s"/> (source per destination pixel).</summary>
    private static (int From, int To) SourceSpan(int d, double s, int size)
    {
        if (s <= 1)
        {
            int i = Math.Min(size - 1, (int)((d + 0.5) * s));
            return (i, i + 1);
        }
        int from = Math.Min(size - 1, (int)Math.Floor(d * s));
        int to = Math.Clamp((int)Math.Ceiling((d + 1) * s), from + 1, size);
        return (from, to);
    }

    /// <summary>Copies another RGB image with its top-left corner at (x, y), clipped.</summary>
    public void Blit(RgbImage source, int x, int y)
    {
        ArgumentNullException.ThrowIfNull(source);
        var r = new PixelRect(x, y, source.Width, source.Height).Intersect(Bounds);
        for (int yy = r.Y; yy < r.Bottom; yy++)
            source.Pixels.AsSpan(3 * ((yy - y) * source.Width + (r.X - x)), 3 * r.Width)
                .CopyTo(Pixels.AsSpan(3 * (yy * Width + r.X)));
    }

    /// <summary>Draws one line of text with its bounding box's top-left corner at (x, y); see <see cref="BitmapFont.Draw"/>.</summary>
    public void DrawText(string text, int x, int y, Rgb color, int scale = 1, TextOrientation orientation = TextOrientation.Horizontal, BitmapFont? font = null) =>
        (font ?? BitmapFont.Default).Draw(this, text, x, y, color, scale, orientation);

    public byte[] ToPng(PngFilterMode filter = PngFilterMode.Adaptive) => PngEncoder.Encode(this, filter);

    /// <summary>Writes the image as PNG, atomically (temporary file, then rename).</summary>
    public void SavePng(string path, PngFilterMode filter = PngFilterMode.Adaptive) => PngEncoder.Save(this, path, filter);

    private static PixelRect BoxAround(double minX, double minY, double maxX, double maxY, double r)
    {
        // Clamp before converting so absurd coordinates cannot overflow int.
        const double Big = 1 << 28;
        int x0 = (int)Math.Floor(Math.Clamp(minX - r - 1, -Big, Big)), y0 = (int)Math.Floor(Math.Clamp(minY - r - 1, -Big, Big));
        int x1 = (int)Math.Ceiling(Math.Clamp(maxX + r + 1, -Big, Big)), y1 = (int)Math.Ceiling(Math.Clamp(maxY + r + 1, -Big, Big));
        return new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }
}
