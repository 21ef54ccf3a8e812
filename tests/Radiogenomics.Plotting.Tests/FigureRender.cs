using System.Xml.Linq;
using SkiaSharp;

namespace Radiogenomics.Plotting.Tests;

/// <summary>Saves a figure to a temporary file and reads it back: PNG bytes, decoded pixels, or the SVG document.</summary>
internal static class FigureRender
{
    public static byte[] PngBytes(Action<string> save) => Bytes(save, ".png");

    public static SKBitmap Png(Action<string> save) => SKBitmap.Decode(PngBytes(save));

    public static XDocument Svg(Action<string> save) => XDocument.Parse(System.Text.Encoding.UTF8.GetString(Bytes(save, ".svg")));

    /// <summary>Every text run of an SVG (Skia writes one &lt;text&gt; element per run).</summary>
    public static IReadOnlyList<string> Texts(XDocument svg) =>
        svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();

    public static Rgb At(SKBitmap bitmap, int x, int y)
    {
        var c = bitmap.GetPixel(x, y);
        return new Rgb(c.Red, c.Green, c.Blue);
    }

    /// <summary>Pixels of exactly this colour.</summary>
    public static int Count(SKBitmap bitmap, Rgb colour)
    {
        int n = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (At(bitmap, x, y) == colour) n++;
        return n;
    }

    public static bool Near(Rgb a, Rgb b, int tolerance) =>
        Math.Abs(a.R - b.R) <= tolerance && Math.Abs(a.G - b.G) <= tolerance && Math.Abs(a.B - b.B) <= tolerance;

    private static byte[] Bytes(Action<string> save, string extension)
    {
        string path = Path.Combine(Path.GetTempPath(), "rg-plot-" + Guid.NewGuid().ToString("N") + extension);
        try
        {
            save(path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
