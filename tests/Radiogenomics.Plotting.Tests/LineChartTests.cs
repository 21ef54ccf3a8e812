namespace Radiogenomics.Plotting.Tests;

public class LineChartTests
{
    private static readonly Rgb Blue = Rgb.FromHex("#0072B2");

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
    public void A_horizontal_segment_is_drawn_where_the_axes_say()
    {
        var chart = new LineChart { XMin = 0, XMax = 10, YMin = 0, YMax = 1, Legend = LegendPosition.None }
            .Add(new LineSeries("flat", [0, 10], [0.5, 0.5]) { Color = Blue, Thickness = 2 });
        var img = chart.Render();
        // Find the frame's interior from the image: the row where the curve is must be solid blue across the middle.
        int hits = 0;
        for (int y = 0; y < img.Height; y++)
            if (img.GetPixel(img.Width / 2, y) == Blue) hits++;
        Assert.Equal(2, hits); // a crisp 2-pixel line
        int row = Enumerable.Range(0, img.Height).First(y => img.GetPixel(img.Width / 2, y) == Blue);
        int blueInRow = Enumerable.Range(0, img.Width).Count(x => img.GetPixel(x, row) == Blue);
        Assert.True(blueInRow > img.Width / 2);
    }

    [Fact]
    public void Kaplan_Meier_and_roc_examples_render()
    {
        Assert.Equal((640, 480), (ExampleFigures.Survival().Render().Width, ExampleFigures.Survival().Render().Height));
        Assert.Equal(520, ExampleFigures.Roc().Render().Width);
    }

    [Fact]
    public void Edge_cases_render_without_throwing()
    {
        Assert.NotNull(new LineChart().Render()); // no series
        Assert.NotNull(new LineChart { Title = "Empty" }.Add(new LineSeries("none", [], [])).Render());
        Assert.NotNull(new LineChart().Add(new LineSeries("one point", [3], [4])).Render());
        Assert.NotNull(new LineChart().Add(new LineSeries("one point, step", [3], [4]) { Step = true, MarkX = [3, 99] }).Render());
        Assert.NotNull(new LineChart().Add(new LineSeries("all NaN", [double.NaN, 1], [2, double.NaN])).Render());
        Assert.NotNull(new LineChart { DiagonalReference = true }
            .Add(new LineSeries("gaps", [0, 1, double.NaN, 3, 4, double.PositiveInfinity, 6], [0, 1, 1, 2, double.NaN, 3, 4]) { Dashed = true, ShowPoints = true })
            .Add(new LineSeries("", [0, 100], [1e9, -1e9]))
            .Render());
        Assert.NotNull(new LineChart { XMin = 5, YMax = -3 }.Add(new LineSeries("outside the range", [0, 1], [0, 1])).Render());
        Assert.NotNull(new LineChart { Width = 120, Height = 100, Title = "A very long title that is much wider than the chart" }
            .Add(new LineSeries("a legend entry too wide to fit in the plot", [0, 1], [0, 1])).Render());
        Assert.Throws<ArgumentException>(() => new LineChart { XMin = 1, XMax = 1 }.Render());
        Assert.Throws<ArgumentException>(() => new LineSeries("mismatch", [1, 2], [1]));
    }

    [Fact]
    public void Legend_goes_to_an_empty_corner()
    {
        // A curve through the top right: the automatic legend must avoid it.
        var chart = new LineChart { XMin = 0, XMax = 1, YMin = 0, YMax = 1, ShowGrid = false }
            .Add(new LineSeries("rising", [0, 1], [0, 1]) { Color = Blue });
        var img = chart.Render();
        var legendGrey = new Rgb(0xBB, 0xBB, 0xBB);
        int topRight = 0, bottomRight = 0;
        for (int y = 0; y < img.Height; y++)
            for (int x = img.Width / 2; x < img.Width; x++)
                if (img.GetPixel(x, y) == legendGrey) { if (y < img.Height / 2) topRight++; else bottomRight++; }
        Assert.True(bottomRight > 0 && topRight == 0, $"legend border pixels: top right {topRight}, bottom right {bottomRight}");
    }
}
