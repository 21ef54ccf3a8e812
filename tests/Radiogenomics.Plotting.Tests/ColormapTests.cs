namespace Radiogenomics.Plotting.Tests;

public class ColormapTests
{
    [Fact]
    public void Viridis_passes_through_its_published_anchors()
    {
        string[] ninths = ["#440154", "#482878", "#3E4A89", "#31688E", "#26828E", "#1F9E89", "#35B779", "#6DCD59", "#B4DE2C", "#FDE725"];
        for (int k = 0; k < ninths.Length; k++) Assert.Equal(Rgb.FromHex(ninths[k]), Colormap.Viridis.Map(k / 9.0));
        Assert.Equal(Rgb.FromHex("#21918C"), Colormap.Viridis.Map(0.5));
    }

    [Fact]
    public void Viridis_gets_steadily_lighter()
    {
        double previous = -1;
        for (int i = 0; i <= 100; i++)
        {
            var c = Colormap.Viridis.Map(i / 100.0);
            double luma = 0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B;
            Assert.True(luma > previous, $"luminance drops at {i / 100.0}");
            previous = luma;
        }
    }

    [Fact]
    public void Greys_and_diverging_have_the_expected_ends()
    {
        Assert.Equal(Rgb.Black, Colormap.Greys.Map(0));
        Assert.Equal(Rgb.White, Colormap.Greys.Map(1));
        Assert.Equal(new Rgb(128, 128, 128), Colormap.Greys.Map(0.5));
        Assert.Equal(Rgb.White, Colormap.Greys.Reversed().Map(0));

        var low = Colormap.BlueWhiteRed.Map(0);
        var mid = Colormap.BlueWhiteRed.Map(0.5);
        var high = Colormap.BlueWhiteRed.Map(1);
        Assert.True(low.B > low.R, "negative end is blue");
        Assert.True(high.R > high.B, "positive end is red");
        Assert.True(mid.R > 240 && mid.G > 240 && mid.B > 240, "centre is near white");
    }

    [Fact]
    public void Map_clamps_and_windows()
    {
        Assert.Equal(Colormap.Viridis.Map(0), Colormap.Viridis.Map(-3));
        Assert.Equal(Colormap.Viridis.Map(1), Colormap.Viridis.Map(7));
        Assert.Equal(Colormap.Viridis.Map(0.25), Colormap.Viridis.Map(5, new DisplayWindow(0, 20)));
        Assert.Equal(Colormap.Viridis.Map(0.5), Colormap.Viridis.Map(3, new DisplayWindow(3, 3))); // degenerate window: mid-scale
        Assert.Throws<ArgumentException>(() => new Colormap("bad", [(0.0, Rgb.Black), (0.7, Rgb.White)]));
    }

    [Fact]
    public void Window_level_and_percentiles()
    {
        var w = DisplayWindow.FromWindowLevel(400, 40); // a CT soft-tissue window
        Assert.Equal((-160.0, 240.0), (w.Low, w.High));
        var values = Enumerable.Range(0, 101).Select(i => (float)i).ToArray();
        values[100] = 1e6f; // a hot pixel
        var p = DisplayWindow.Percentile(values, 1, 99);
        Assert.Equal(1, p.Low, 9);
        Assert.Equal(99, p.High, 9);
        Assert.Equal(1e6, DisplayWindow.MinMax(values).High);
        Assert.Equal(new DisplayWindow(0, 1), DisplayWindow.MinMax([float.NaN, float.NaN]));
    }
}
