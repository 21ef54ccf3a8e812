namespace Radiogenomics.Synthetic.Tests;

public class RenderingTests
{
    /// <summary>
    /// Writes the middle-slice sheet of four patients chosen to show the range (0: fatty with a large mass, 2: small mass,
    /// 5: spiculated with necrosis, 8: dense breast) to a temp folder (and, with RG_UPDATE_GOLDEN=1, over
    /// golden/middle-slices.png in the source tree, which is kept for looking at, not for byte comparison).
    /// </summary>
    [Fact]
    public void MiddleSliceSheetIsAValidPng()
    {
        var cohort = TestCohorts.Small;
        var extra = new PatientImaging[2];
        Parallel.For(0, 2, i => extra[i] = cohort.GenerateImaging(i == 0 ? 5 : 8));
        var png = SliceSheet.Render([TestCohorts.Imaging[0], TestCohorts.Imaging[2], extra[0], extra[1]]);
        var dir = Path.Combine(Path.GetTempPath(), "rg-synthetic-tests");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "middle-slices.png");
        File.WriteAllBytes(path, png);
        Assert.Equal(5 * 256 * 4 * 256, Decode(png, 5 * 256, 4 * 256).Count());
        if (Environment.GetEnvironmentVariable("RG_UPDATE_GOLDEN") == "1")
            File.WriteAllBytes(Path.Combine(SourceDirectory(), "golden", "middle-slices.png"), png);
    }

    [Fact]
    public void ThePlottingPngFileDecodesBackToThePixels()
    {
        var grey = new byte[7 * 3];
        for (int i = 0; i < grey.Length; i++) grey[i] = (byte)(i * 11);
        Assert.Equal(grey.Select(g => (g, g, g)), Decode(Plotting.PngFile.EncodeGrey(7, 3, grey), 7, 3));
        var rgb = new byte[5 * 2 * 3];
        for (int i = 0; i < rgb.Length; i++) rgb[i] = (byte)(255 - i * 7);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2])), Decode(Plotting.PngFile.EncodeRgb(5, 2, rgb), 5, 2));
    }

    /// <summary>Decodes with SkiaSharp (libpng's rules) and checks the size; returns the pixels row by row.</summary>
    private static IEnumerable<(byte R, byte G, byte B)> Decode(byte[] png, int width, int height)
    {
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        return bitmap.Pixels.Select(c => (c.Red, c.Green, c.Blue)).ToList();
    }

    internal static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
