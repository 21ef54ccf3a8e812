namespace Radiogenomics.Plotting.Tests;

public class ImageGridTests
{
    private static GreyImage Ramp(int w, int h, float scale = 1)
    {
        var img = new GreyImage(w, h);
        for (int i = 0; i < img.Data.Length; i++) img.Data[i] = i * scale;
        return img;
    }

    [Fact]
    public void Small_tiles_are_enlarged_by_whole_factors_with_min_max_windows()
    {
        var grid = new ImageGrid { Columns = 2 }.Add(Ramp(16, 16), "kernel 0").Add(Ramp(16, 16, 100), "kernel 1");
        using var png = FigureRender.Png(grid.Save);
        // 16 px → ×10 tiles of 160 points, 320 PNG pixels; each ramp spans black to white in its own window.
        Assert.Equal(2 * 20 * 20, FigureRender.Count(png, Rgb.Black)); // one source pixel = a 20 × 20 block, once per tile
        Assert.Equal(2 * 20 * 20, FigureRender.Count(png, Rgb.White) - WhiteBackground(png));
        var texts = FigureRender.Texts(FigureRender.Svg(grid.Save));
        Assert.Contains("kernel 0", texts);
        Assert.Contains("kernel 1", texts);
    }

    /// <summary>White pixels of the background: everything outside the two 320-pixel tiles.</summary>
    private static int WhiteBackground(SkiaSharp.SKBitmap png)
    {
        int white = 0;
        for (int y = 0; y < png.Height; y++)
            for (int x = 0; x < png.Width; x++)
                if (FigureRender.At(png, x, y) == Rgb.White && !InTile(x, y)) white++;
        return white;
        bool InTile(int x, int y) => y >= 24 && y < 24 + 320 && ((x >= 24 && x < 24 + 320) || (x >= 24 + 340 && x < 24 + 660));
    }

    [Fact]
    public void Shared_and_fixed_windows_make_tiles_comparable()
    {
        var dim = new GreyImage(4, 4, Enumerable.Repeat(10f, 16).ToArray());
        var bright = new GreyImage(4, 4, Enumerable.Repeat(20f, 16).ToArray());
        using var shared = FigureRender.Png(new ImageGrid { Window = GridWindowMode.SharedMinMax, TileSize = 20, Columns = 2 }.Add(dim).Add(bright).Save);
        Assert.InRange(FigureRender.Count(shared, Rgb.Black), 40 * 40, 40 * 42); // the tile, and its edge pixels
        Assert.True(FigureRender.Count(shared, Rgb.White) >= 40 * 40);
        using var fixedWindow = FigureRender.Png(new ImageGrid { Window = GridWindowMode.Fixed, FixedWindow = new DisplayWindow(0, 20), TileSize = 20, ShowColorBar = true }.Add(dim).Save);
        Assert.InRange(FigureRender.Count(fixedWindow, new Rgb(128, 128, 128)), 40 * 40, 40 * 40 + 200); // the tile, and mid-scale of the colour bar
    }

    [Fact]
    public void Percentile_window_ignores_a_hot_pixel()
    {
        var img = Ramp(10, 10);
        img[9, 9] = 1e6f;
        var grid = new ImageGrid { Window = GridWindowMode.PerImagePercentile, LowPercentile = 0, HighPercentile = 98, TileSize = 20 }.Add(img);
        using var png = FigureRender.Png(grid.Save);
        var mid = FigureRender.At(png, 24 + 20 + 1, 24 + 20 + 1); // value 55 of ~97 → clearly grey, not near-black as with min–max
        Assert.InRange(mid.R, 100, 180);
    }

    [Fact]
    public void Edge_cases_render()
    {
        using (var empty = FigureRender.Png(new ImageGrid { Title = "Nothing yet" }.Save)) Assert.True(empty.Width > 0);
        using (var one = FigureRender.Png(new ImageGrid().Add(new GreyImage(1, 1)).Save)) Assert.True(one.Width > 0);
        var nan = new GreyImage(3, 3, Enumerable.Repeat(float.NaN, 9).ToArray());
        using (var sheet = FigureRender.Png(new ImageGrid { TileSize = 30 }.Add(nan, "all NaN").Save))
            Assert.Equal(60 * 60, FigureRender.Count(sheet, new ImageGrid().NaNColor));
        var mixed = new ImageGrid { Window = GridWindowMode.SharedPercentile, ShowColorBar = true, Title = "Mixed sizes", MaxCaptionLines = 2, ColorBarLabel = "signal" };
        mixed.Add(Ramp(512, 400), "a 512 x 400 slice that is shrunk to fit").Add(Ramp(64, 64), "").Add(Ramp(7, 300), null)
             .Add(new GreyImage(5, 5), "a_caption_with_no_spaces_that_is_much_too_long_for_the_tile_and_must_be_cut");
        var texts = FigureRender.Texts(FigureRender.Svg(mixed.Save));
        Assert.Contains("Mixed sizes", texts);
        Assert.Contains("signal", texts);
        var cut = FigureRender.Texts(FigureRender.Svg(new ImageGrid { TileSize = 40, MaxCaptionLines = 1 }
            .Add(new GreyImage(5, 5), "a_caption_with_no_spaces_that_is_much_too_long_for_the_tile_and_must_be_cut").Save));
        Assert.Contains(cut, t => t.StartsWith("a_", StringComparison.Ordinal) && t.EndsWith("..", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new ImageGrid { ShowColorBar = true }.Add(Ramp(2, 2)).Save("never.png"));
        Assert.Throws<ArgumentException>(() => new ImageGrid { Window = GridWindowMode.Fixed }.Add(Ramp(2, 2)).Save("never.png"));
    }
}
