using System.Diagnostics;

namespace Radiogenomics.Plotting.Tests;

public class HeatmapChartTests
{
    private static double[,] Known() => new double[,]
    {
        { 0, 1, 2 },
        { 3, double.NaN, 5 },
        { 6, 7, double.PositiveInfinity },
    };

    [Fact]
    public void Every_cell_has_its_colour_and_nan_and_infinity_are_handled()
    {
        var chart = new HeatmapChart(Known()) { Title = "Known", RowLabels = ["r0", "r1", "r2"], ColumnLabels = ["c0", "c1", "c2"], Minimum = 0, Maximum = 8 };
        using var png = FigureRender.Png(chart.Save);
        // Cells are solid blocks (no smoothing): each value's exact colour covers a cell of 32 × 32 points = 64 × 64 pixels.
        foreach (var v in new[] { 0.0, 1, 2, 3, 5, 6, 7 })
            Assert.True(FigureRender.Count(png, Colormap.Viridis.Map(v / 8)) >= 60 * 60, $"value {v}");
        Assert.True(FigureRender.Count(png, Rgb.MissingGrey) >= 60 * 60, "NaN cell");
        Assert.True(FigureRender.Count(png, Rgb.FromHex("#FDE725")) >= 60 * 60, "+∞ takes the top of the scale");
        var texts = FigureRender.Texts(FigureRender.Svg(chart.Save));
        foreach (var label in new[] { "Known", "r0", "r2", "c0", "c2" }) Assert.Contains(label, texts);
    }

    [Fact]
    public void Given_order_moves_rows_and_columns()
    {
        var chart = new HeatmapChart(Known()) { RowOrder = [2, 0, 1], ColumnOrder = [1, 0, 2], RowLabels = ["r0", "r1", "r2"] };
        var (rows, columns) = chart.DrawOrder();
        Assert.Equal([2, 0, 1], rows);
        Assert.Equal([1, 0, 2], columns);
        // Row labels are drawn top to bottom in the given order: r2 highest on the page.
        var svg = FigureRender.Svg(chart.Save);
        double Y(string label) => double.Parse(svg.Descendants().First(e => e.Name.LocalName == "text" && e.Value.Trim() == label)
            .Attribute("transform")!.Value.Split(' ', '(', ')')[2], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Y("r2") < Y("r0") && Y("r0") < Y("r1"), $"r2 {Y("r2")}, r0 {Y("r0")}, r1 {Y("r1")}");
    }

    [Fact]
    public void Signed_values_use_a_symmetric_diverging_scale()
    {
        var chart = new HeatmapChart(new double[,] { { -0.2, 0 }, { 0.5, 0.1 } }) { Colormap = Colormap.BlueWhiteRed, SymmetricRange = true };
        using var png = FigureRender.Png(chart.Save);
        Assert.True(FigureRender.Count(png, Colormap.BlueWhiteRed.Map(0.5)) > 1000, "zero is the centre of the scale");
        Assert.True(FigureRender.Count(png, Colormap.BlueWhiteRed.Map(1)) > 1000, "0.5 is the top");
    }

    [Fact]
    public void Clustering_puts_similar_rows_together()
    {
        // Rows alternate between two profiles; clustering must make each profile contiguous.
        var m = new double[8, 5];
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 5; j++)
                m[i, j] = (i % 2 == 0 ? j : 5 - j) + 0.01 * i;
        var (rows, columns) = new HeatmapChart(m) { ClusterRows = true }.DrawOrder();
        var parity = rows.Select(r => r % 2).ToArray();
        Assert.Equal(1, parity.Zip(parity.Skip(1), (a, b) => a != b ? 1 : 0).Sum());
        Assert.Equal(Enumerable.Range(0, 5), columns);
    }

    [Fact]
    public void Dense_labels_are_thinned_so_they_do_not_overlap()
    {
        var chart = new HeatmapChart(new double[300, 60])
        {
            RowLabels = Enumerable.Range(0, 300).Select(i => $"feature_{i}").ToArray(),
            ColumnLabels = Enumerable.Range(0, 60).Select(i => $"gene_{i}").ToArray(),
        };
        var texts = FigureRender.Texts(FigureRender.Svg(chart.Save));
        int rowLabels = texts.Count(t => t.StartsWith("feature_", StringComparison.Ordinal));
        int columnLabels = texts.Count(t => t.StartsWith("gene_", StringComparison.Ordinal));
        // Cells of 2 points (720 / 300) under 10-point text: every 7th row label; columns of 12 points: every 2nd.
        Assert.Equal(300 / 7 + 1, rowLabels);
        Assert.Equal(30, columnLabels);
    }

    [Fact]
    public void A_4096_by_476_matrix_renders_at_one_point_per_cell()
    {
        var rng = new TestRandom(3);
        var m = new double[4096, 476];
        for (int i = 0; i < 4096; i++)
            for (int j = 0; j < 476; j++)
                m[i, j] = rng.NextExponential(2);
        var chart = new HeatmapChart(m)
        {
            Title = "4096 deep features x 476 genomic features",
            RowLabels = Enumerable.Range(0, 4096).Select(i => $"deep_{i:D4}").ToArray(),
            ColumnLabels = Enumerable.Range(0, 476).Select(i => $"gene_{i}").ToArray(),
            ColorBarLabel = "-log10 q",
        };
        var sw = Stopwatch.StartNew();
        using var png = FigureRender.Png(chart.Save);
        Assert.True(png.Height > 2 * 4096 && png.Width > 2 * 476, $"{png.Width}×{png.Height}");
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(60), $"took {sw.Elapsed}");
    }

    [Fact]
    public void Edge_cases_render_or_fail_clearly()
    {
        foreach (var chart in new[]
                 {
                     new HeatmapChart(new double[0, 0]) { Title = "Empty" }, new HeatmapChart(new double[1, 1] { { 4 } }),
                     new HeatmapChart(new double[2, 2] { { double.NaN, double.NaN }, { double.NaN, double.NaN } }),
                 })
        {
            using var png = FigureRender.Png(chart.Save);
            Assert.True(png.Width > 0);
        }
        Assert.Throws<ArgumentException>(() => new HeatmapChart(Known()) { RowLabels = ["a"] }.Save("never.png"));
        Assert.Throws<ArgumentException>(() => new HeatmapChart(Known()) { RowOrder = [0, 0, 1] }.Save("never.png"));
        Assert.Throws<ArgumentException>(() => new HeatmapChart(Known()) { RowOrder = [0, 1, 2], ClusterRows = true }.Save("never.png"));
        Assert.Throws<ArgumentException>(() => new HeatmapChart(Known()) { Minimum = 5, Maximum = 1 }.Save("never.png"));
    }
}
