using System.Globalization;

namespace Radiogenomics.Plotting.Tests;

public class KaplanMeierPlotTests
{
    private static KaplanMeierPlot Example() => new KaplanMeierPlot { Title = "Recurrence-free survival", XLabel = "days", RiskTimes = [0, 500, 1000, 1500] }
        .Add("low risk", [100, 400, 900, 1400], [0.95, 0.9, 0.85, 0.8], [250, 1200], [60, 52, 40, 21])
        .Add("high risk", [80, 300, 700, 1100], [0.85, 0.7, 0.5, 0.35], [600], [55, 41, 24, 9]);

    [Fact]
    public void The_risk_table_sits_under_the_chart_aligned_with_the_times()
    {
        var svg = FigureRender.Svg(Example().Save);
        var texts = FigureRender.Texts(svg);
        foreach (var expected in new[] { "Recurrence-free survival", "days", "Number at risk", "low risk", "high risk", "60", "21", "55", "9" })
            Assert.Contains(expected, texts);
        // Counts of one row are laid out left to right in time order, at the same height, below the axis label.
        (double X, double Y) Place(string label)
        {
            var e = svg.Descendants().First(t => t.Name.LocalName == "text" && t.Value.Trim() == label);
            double x = double.Parse(e.Attribute("x")!.Value.Split(',')[0], CultureInfo.InvariantCulture);
            double y = double.Parse(e.Attribute("y")!.Value.Split(',')[0], CultureInfo.InvariantCulture);
            return (x, y);
        }
        var row = new[] { "60", "52", "40", "21" }.Select(Place).ToArray();
        Assert.All(row, p => Assert.Equal(row[0].Y, p.Y, 3));
        Assert.True(row.Zip(row.Skip(1)).All(p => p.Second.X > p.First.X + 20), string.Join(", ", row));
        Assert.InRange(row[1].X - row[0].X, 0.9 * (row[2].X - row[1].X), 1.1 * (row[2].X - row[1].X)); // equal time steps, equal spacing
        Assert.True(Place("55").Y > row[0].Y, "the second curve's row is below the first");
    }

    [Fact]
    public void Png_is_twice_the_nominal_size_and_deterministic()
    {
        var png = FigureRender.PngBytes(Example().Save);
        Assert.Equal(png, FigureRender.PngBytes(Example().Save));
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal(1440, bitmap.Width);
        Assert.True(bitmap.Height > 880);
        Assert.Throws<ArgumentException>(() => new KaplanMeierPlot { RiskTimes = [0, 1] }.Add("x", [1], [0.5], [], [3]));
    }
}
