namespace Radiogenomics.Plotting.Tests;

public class LineChartTests
{
    private static readonly Rgb Blue = Rgb.FromHex("#0072B2"), Orange = Rgb.FromHex("#D55E00"), Green = Rgb.FromHex("#009E73");

    [Fact]
    public void Step_series_hold_their_value_until_the_next_x()
    {
        var s = new LineSeries("km", [0, 10, 20], [1, 0.8, 0.5]) { Step = true };
        Assert.Equal(1, s.ValueAt(5));
        Assert.Equal(0.8, s.ValueAt(10));
        Assert.Equal(0.8, s.ValueAt(19.9));
        Assert.Equal(0.5, s.ValueAt(20));
        Assert.True(double.IsNaN(s.ValueAt(25)));
        var straight = new LineSeries("roc", [0, 1], [0, 0.5]);
        Assert.Equal(0.25, straight.ValueAt(0.5));
    }

    [Fact]
    public void Horizontal_lines_are_drawn_where_the_axis_says()
    {
        var chart = new LineChart { XMin = 0, XMax = 10, YMin = 0, YMax = 1, Legend = LegendPosition.None, ShowGrid = false }
            .Add(new LineSeries("low", [0, 10], [0.25, 0.25]) { Color = Blue })
            .Add(new LineSeries("middle", [0, 10], [0.5, 0.5]) { Color = Green })
            .Add(new LineSeries("high", [0, 10], [0.75, 0.75]) { Color = Orange });
        using var png = FigureRender.Png(chart.Save);
        Assert.Equal((1280, 960), (png.Width, png.Height)); // 640 × 480 at twice the size
        double Row(Rgb colour)
        {
            var rows = Enumerable.Range(0, png.Height).Where(y => FigureRender.Near(FigureRender.At(png, png.Width / 2, y), colour, 30)).ToList();
            Assert.NotEmpty(rows);
            return rows.Average();
        }
        double low = Row(Blue), middle = Row(Green), high = Row(Orange);
        Assert.True(low > middle && middle > high, $"rows {low}, {middle}, {high}: higher values must be drawn higher up");
        Assert.InRange(middle - (low + high) / 2, -1.5, 1.5); // a linear axis
    }

    [Fact]
    public void The_svg_keeps_title_axis_labels_and_legend_as_text()
    {
        var chart = new LineChart { Title = "Recurrence-free survival", XLabel = "time (days)", YLabel = "survival probability" }
            .Add(new LineSeries("low risk", [0, 100, 200], [1, 0.9, 0.8]) { Step = true, MarkX = [150] })
            .Add(new LineSeries("high risk", [0, 100, 200], [1, 0.7, 0.4]) { Step = true });
        var texts = FigureRender.Texts(FigureRender.Svg(chart.Save));
        foreach (var expected in new[] { "Recurrence-free survival", "time (days)", "survival probability", "low risk", "high risk" })
            Assert.Contains(expected, texts);
    }

    [Fact]
    public void The_same_data_give_the_same_bytes()
    {
        Assert.Equal(FigureRender.PngBytes(ExampleFigures.Survival().Save), FigureRender.PngBytes(ExampleFigures.Survival().Save));
        Assert.Equal(FigureRender.Svg(ExampleFigures.Roc().Save).ToString(), FigureRender.Svg(ExampleFigures.Roc().Save).ToString());
    }

    [Fact]
    public void Edge_cases_render_without_throwing()
    {
        var charts = new[]
        {
            new LineChart(),
            new LineChart { Title = "Empty" }.Add(new LineSeries("none", [], [])),
            new LineChart().Add(new LineSeries("one point", [3], [4])),
            new LineChart().Add(new LineSeries("one point, step", [3], [4]) { Step = true, MarkX = [3, 99] }),
            new LineChart().Add(new LineSeries("all NaN", [double.NaN, 1], [2, double.NaN])),
            new LineChart { DiagonalReference = true }
                .Add(new LineSeries("gaps", [0, 1, double.NaN, 3, 4, double.PositiveInfinity, 6], [0, 1, 1, 2, double.NaN, 3, 4]) { Dashed = true, ShowPoints = true })
                .Add(new LineSeries("", [0, 100], [1e9, -1e9])),
            new LineChart { XMin = 5, YMax = -3 }.Add(new LineSeries("outside the range", [0, 1], [0, 1])),
            new LineChart { Width = 120, Height = 100, Title = "A very long title that is much wider than the chart" }
                .Add(new LineSeries("a legend entry too wide to fit in the plot", [0, 1], [0, 1])),
        };
        foreach (var chart in charts)
        {
            using var png = FigureRender.Png(chart.Save);
            Assert.True(png.Width > 0);
            Assert.NotEmpty(FigureRender.Svg(chart.Save).Root!.Elements());
        }
        Assert.Throws<ArgumentException>(() => new LineChart { Width = 10 }.Save("never.png"));
        Assert.Throws<ArgumentException>(() => new LineSeries("mismatch", [1, 2], [1]));
    }

    [Fact]
    public void Legend_goes_to_an_empty_corner()
    {
        // A ROC-like curve fills the top left: the legend goes bottom right. A survival curve leaves the top right.
        var roc = new LineChart().Add(new LineSeries("model", [0, 0.1, 0.3, 1], [0, 0.6, 0.85, 1]));
        Assert.Equal(LegendPosition.BottomRight, roc.ResolveLegend(new ScottPlot.AxisLimits(0, 1, 0, 1)));
        var km = new LineChart().Add(new LineSeries("all", [0, 200, 400, 900], [1, 0.6, 0.45, 0.3]) { Step = true });
        Assert.Equal(LegendPosition.TopRight, km.ResolveLegend(new ScottPlot.AxisLimits(0, 900, 0, 1)));
        Assert.Equal(LegendPosition.TopLeft, new LineChart { Legend = LegendPosition.TopLeft }.ResolveLegend(new ScottPlot.AxisLimits(0, 1, 0, 1)));
    }
}
