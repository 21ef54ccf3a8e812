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
        var grid = new ImageGrid { Columns = 2 };
        grid.Add(Ramp(16, 16), "kernel 0").Add(Ramp(16, 16, 100), "kernel 1");
        var img = grid.Render();
        // 16 px → ×10 tiles; the per-image window makes both ramps span black to white.
        int x0 = 12, y0 = 12;
        Assert.Equal(Rgb.Black, img.GetPixel(x0, y0));
        Assert.Equal(Rgb.White, img.GetPixel(x0 + 159, y0 + 159));
        Assert.Equal(img.GetPixel(x0, y0), img.GetPixel(x0 + 9, y0 + 9)); // one source pixel = 10×10 block
        int x1 = x0 + 160 + 10;
        Assert.Equal(Rgb.Black, img.GetPixel(x1, y0));
        Assert.Equal(Rgb.White, img.GetPixel(x1 + 159, y0 + 159));
    }

    [Fact]
    public void Shared_and_fixed_windows_make_tiles_comparable()
    {
        var dim = new GreyImage(4, 4, Enumerable.Repeat(10f, 16).ToArray());
        var bright = new GreyImage(4, 4, Enumerable.Repeat(20f, 16).ToArray());
        var shared = new ImageGrid { Window = GridWindowMode.SharedMinMax, TileSize = 20, Columns = 2 }.Add(dim).Add(bright).Render();
        Assert.Equal(Rgb.Black, shared.GetPixel(12, 12));
        Assert.Equal(Rgb.White, shared.GetPixel(12 + 20 + 10, 12));

        var fixedWindow = new ImageGrid { Window = GridWindowMode.Fixed, FixedWindow = new DisplayWindow(0, 20), TileSize = 20, ShowColorBar = true }
            .Add(dim).Render();
        Assert.Equal(new Rgb(128, 128, 128), fixedWindow.GetPixel(12, 12));
    }

    [Fact]
    public void Percentile_window_ignores_a_hot_pixel()
    {
        var img = Ramp(10, 10);
        img[9, 9] = 1e6f;
        var sheet = new ImageGrid { Window = GridWindowMode.PerImagePercentile, LowPercentile = 0, HighPercentile = 98, TileSize = 20 }.Add(img).Render();
        var mid = sheet.GetPixel(12 + 10, 12 + 10); // value 55 of ~97 → clearly grey, not near-black as with min–max
        Assert.InRange(mid.R, 100, 180);
    }

    [Fact]
    public void Edge_cases_render()
    {
        Assert.NotNull(new ImageGrid { Title = "Nothing yet" }.Render());
        Assert.NotNull(new ImageGrid().Add(new GreyImage(1, 1)).Render());
        var nan = new GreyImage(3, 3, Enumerable.Repeat(float.NaN, 9).ToArray());
        var sheet = new ImageGrid { TileSize = 30 }.Add(nan, "all NaN").Render();
        Assert.Equal(new ImageGrid().NaNColor, sheet.GetPixel(12, 12));
        var mixed = new ImageGrid { Window = GridWindowMode.SharedPercentile, ShowColorBar = true, Title = "Mixed sizes", MaxCaptionLines = 2 };
        mixed.Add(Ramp(512, 400), "a 512 x 400 slice that is shrunk to fit").Add(Ramp(64, 64), "").Add(Ramp(7, 300), null)
             .Add(new GreyImage(5, 5), "a_caption_with_no_spaces_that_is_much_too_long_for_the_tile_and_must_be_cut");
        Assert.NotNull(mixed.Render());
        Assert.Throws<ArgumentException>(() => new ImageGrid { ShowColorBar = true }.Add(Ramp(2, 2)).Render());
        Assert.Throws<ArgumentException>(() => new ImageGrid { Window = GridWindowMode.Fixed }.Add(Ramp(2, 2)).Render());
    }

    [Fact]
    public void Captions_are_drawn_under_each_tile()
    {
        var sheet = new ImageGrid { TileSize = 40, Columns = 1 }.Add(new GreyImage(4, 4), "AB").Render();
        // Caption row: below the tile (12 + 40 + 4), centred.
        bool ink = false;
        for (int y = 56; y < 56 + BitmapFont.GlyphHeight; y++)
            for (int x = 12; x < 52; x++)
                ink |= sheet.GetPixel(x, y) == Rgb.Ink;
        Assert.True(ink);
    }
}
