using System.Text;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace Radiogenomics.Plotting;

/// <summary>
/// Writes figures as PNG or SVG, chosen by the path's extension. PNG is rendered at <see cref="PngScale"/>× the
/// figure's nominal size, so a 640-pixel-wide chart is 1,280 pixels: 300 dpi at 4.3 inches, wider than a journal's
/// single column. SVG keeps text as text. One font (DejaVu Sans, which build.sh installs) on every figure, so the
/// same data give the same bytes on the same machine.
/// </summary>
public static partial class FigureFile
{
    public const string FontFamily = "DejaVu Sans";

    public const int PngScale = 2;

    private static readonly Lazy<SKTypeface> Face = new(() =>
    {
        SkiaLibrary.EnsureResolvable();
        return SKTypeface.FromFamilyName(FontFamily) ?? SKTypeface.Default;
    });

    public static bool IsSvg(string path) => path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);

    internal static SKTypeface Typeface => Face.Value;

    /// <summary>Saves a ScottPlot figure of the given nominal size.</summary>
    internal static void Save(ScottPlot.Plot plot, string path, int width, int height)
    {
        CreateDirectory(path);
        if (IsSvg(path))
        {
            plot.ScaleFactor = 1;
            File.WriteAllText(path, NumberIdsInOrder(plot.GetSvgXml(width, height)), new UTF8Encoding(false));
        }
        else
        {
            plot.ScaleFactor = PngScale;
            plot.SavePng(path, width * PngScale, height * PngScale);
        }
    }

    /// <summary>Saves a figure drawn straight onto a Skia canvas in nominal (unscaled) units.</summary>
    internal static void Save(string path, int width, int height, Action<SKCanvas> draw)
    {
        CreateDirectory(path);
        if (IsSvg(path))
        {
            var svg = new MemoryStream();
            using (var managed = new SKManagedWStream(svg))
            using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), managed))
            {
                canvas.Clear(SKColors.White);
                draw(canvas);
            }
            File.WriteAllText(path, NumberIdsInOrder(Encoding.UTF8.GetString(svg.ToArray())), new UTF8Encoding(false));
            return;
        }
        using var surface = SKSurface.Create(new SKImageInfo(width * PngScale, height * PngScale, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale(PngScale);
        draw(surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var output = File.Create(path);
        data.SaveTo(output);
    }

    /// <summary>
    /// Skia names clip paths and images from a process-wide counter (cl_3a, img_7), so the same figure drawn twice
    /// differs; renumbering every id in order of appearance makes the SVG depend on the figure alone.
    /// </summary>
    private static string NumberIdsInOrder(string svg)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in IdPattern().Matches(svg))
            if (!renamed.ContainsKey(m.Groups[1].Value)) renamed[m.Groups[1].Value] = $"{m.Groups[2].Value}{renamed.Count}";
        return renamed.Count == 0 ? svg : IdReference().Replace(svg, m => renamed.TryGetValue(m.Value, out var name) ? name : m.Value);
    }

    [GeneratedRegex("id=\"(([a-z]+)_[0-9a-f]+)\"")]
    private static partial Regex IdPattern();

    [GeneratedRegex("\\b[a-z]+_[0-9a-f]+\\b")]
    private static partial Regex IdReference();

    internal static SKColor ToSkia(this Rgb c) => new(c.R, c.G, c.B);

    internal static ScottPlot.Color ToScottPlot(this Rgb c) => new(c.R, c.G, c.B);

    private static void CreateDirectory(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
    }
}
