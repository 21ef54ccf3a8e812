namespace Radiogenomics.Plotting.Tests;

public class RgbImageTests
{
    private static readonly Rgb Red = new(255, 0, 0);

    [Fact]
    public void Pixels_rectangles_and_clipping()
    {
        var img = new RgbImage(10, 8, Rgb.Black);
        img.SetPixel(2, 3, Red);
        Assert.Equal(Red, img.GetPixel(2, 3));
        Assert.Equal((byte)255, img.Pixels[3 * (3 * 10 + 2)]);
        img.SetPixel(-1, 50, Red); // ignored
        img.FillRectangle(8, 6, 5, 5, Rgb.White); // clipped to the corner
        Assert.Equal(Rgb.White, img.GetPixel(9, 7));
        Assert.Equal(Rgb.Black, img.GetPixel(7, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => img.GetPixel(10, 0));

        var frame = new RgbImage(6, 6);
        frame.DrawRectangle(0, 0, 6, 6, Red);
        Assert.Equal(Red, frame.GetPixel(0, 5));
        Assert.Equal(Red, frame.GetPixel(5, 0));
        Assert.Equal(Rgb.White, frame.GetPixel(1, 1));
    }

    [Fact]
    public void Bresenham_lines_hit_both_ends_and_are_connected()
    {
        var img = new RgbImage(20, 20);
        img.DrawLine(1, 2, 17, 9, Red);
        Assert.Equal(Red, img.GetPixel(1, 2));
        Assert.Equal(Red, img.GetPixel(17, 9));
        for (int x = 1; x <= 17; x++) Assert.Contains(Enumerable.Range(0, 20), y => img.GetPixel(x, y) == Red);
        int count = 0;
        for (int y = 0; y < 20; y++) for (int x = 0; x < 20; x++) if (img.GetPixel(x, y) == Red) count++;
        Assert.Equal(17, count); // exactly one pixel per column for a shallow line
    }

    [Fact]
    public void Smooth_lines_are_solid_in_the_middle_and_respect_the_clip()
    {
        var img = new RgbImage(40, 20);
        img.DrawSmoothLine(5, 10, 35, 10, Red, 2, new PixelRect(0, 0, 20, 20));
        Assert.Equal(Red, img.GetPixel(10, 9));
        Assert.Equal(Red, img.GetPixel(10, 10));
        Assert.Equal(Rgb.White, img.GetPixel(10, 12));
        Assert.Equal(Rgb.White, img.GetPixel(25, 10)); // clipped
        var diag = new RgbImage(30, 30);
        diag.DrawSmoothLine(2, 2, 28, 28, Red, 1);
        var c = diag.GetPixel(15, 15);
        Assert.True(c.G < 80, "the centre of a diagonal line is nearly full colour");
        var edge = diag.GetPixel(16, 15);
        Assert.True(edge.G > 80 && edge.G < 255, "its neighbours are blended (anti-aliased)");
    }

    [Fact]
    public void Blit_applies_the_window_and_scales()
    {
        var grey = new GreyImage(2, 2, [0f, 100f, 50f, float.NaN]);
        var img = new RgbImage(10, 10);
        img.Blit(grey, 1, 1, DisplayWindow.FromWindowLevel(100, 50));
        Assert.Equal(Rgb.Black, img.GetPixel(1, 1));
        Assert.Equal(Rgb.White, img.GetPixel(2, 1));
        Assert.Equal(new Rgb(128, 128, 128), img.GetPixel(1, 2));
        Assert.Equal(Rgb.MissingGrey, img.GetPixel(2, 2));

        var zoomed = new RgbImage(8, 8);
        zoomed.Blit(grey, new PixelRect(0, 0, 8, 8), new DisplayWindow(0, 100));
        Assert.Equal(Rgb.Black, zoomed.GetPixel(3, 3));
        Assert.Equal(Rgb.White, zoomed.GetPixel(4, 0));

        var big = new GreyImage(4, 1, [0f, 100f, 100f, 100f]);
        var shrunk = new RgbImage(2, 1);
        shrunk.Blit(big, new PixelRect(0, 0, 2, 1), new DisplayWindow(0, 100));
        Assert.Equal(new Rgb(128, 128, 128), shrunk.GetPixel(0, 0)); // mean of 0 and 100
        Assert.Equal(Rgb.White, shrunk.GetPixel(1, 0));
    }
}
