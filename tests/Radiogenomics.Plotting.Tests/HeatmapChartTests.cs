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
    public void Known_matrix_has_the_expected_colours_at_known_cells()
    {
        var chart = new HeatmapChart(Known())
        {
            Title = "Known",
            RowLabels = ["r0", "r1", "r2"],
            ColumnLabels = ["c0", "c1", "c2"],
            Minimum = 0,
            Maximum = 8,
        };
        var layout = chart.ComputeLayout();
        var img = chart.Render();
        Assert.Equal((layout.Width, layout.Height), (img.Width, img.Height));

        Rgb At(int r, int c)
        {
            var cell = layout.CellBounds(r, c);
            // Every pixel of the cell has one colour.
            var colour = img.GetPixel(cell.X, cell.Y);
            Assert.Equal(colour, img.GetPixel(cell.Right - 1, cell.Bottom - 1));
            Assert.Equal(colour, img.GetPixel(cell.X + cell.Width / 2, cell.Y + cell.Height / 2));
            return colour;
        }
        Assert.Equal(Colormap.Viridis.Map(0), At(0, 0));
        Assert.Equal(Rgb.FromHex("#440154"), At(0, 0));
        Assert.Equal(Colormap.Viridis.Map(2 / 8.0), At(0, 2));
        Assert.Equal(Colormap.Viridis.Map(6 / 8.0), At(2, 0));
        Assert.Equal(Rgb.MissingGrey, At(1, 1));            // NaN
        Assert.Equal(Rgb.FromHex("#FDE725"), At(2, 2));     // +∞ takes the top of the scale
        Assert.Equal(32, layout.CellWidth);                 // small matrices get the largest cells
        Assert.Equal(1, layout.RowLabelStep);
    }

    [Fact]
    public void Given_order_moves_rows_and_columns()
    {
        var chart = new HeatmapChart(Known()) { RowOrder = [2, 0, 1], ColumnOrder = [1, 2, 0], Minimum = 0, Maximum = 8 };
        var layout = chart.ComputeLayout();
        var img = chart.Render();
        Assert.Equal(layout.Plot.X, layout.CellBounds(0, 1).X);       // column 1 drawn first
        Assert.Equal(layout.Plot.Y, layout.CellBounds(2, 0).Y);       // row 2 drawn on top
        var topLeft = img.GetPixel(layout.Plot.X, layout.Plot.Y);
        Assert.Equal(Colormap.Viridis.Map(7 / 8.0), topLeft);         // value [2, 1]
    }

    [Fact]
    public void Signed_values_use_a_symmetric_diverging_scale()
    {
        var chart = new HeatmapChart(new double[,] { { -0.5, 0, 0.25 } }) { Colormap = Colormap.BlueWhiteRed, SymmetricRange = true };
        var layout = chart.ComputeLayout();
        Assert.Equal(new DisplayWindow(-0.5, 0.5), layout.Range);
        var img = chart.Render();
        var zero = layout.CellBounds(0, 1);
        Assert.Equal(Colormap.BlueWhiteRed.Map(0.5), img.GetPixel(zero.X, zero.Y));
    }

    [Fact]
    public void Clustering_puts_similar_rows_together()
    {
        // Rows alternate between two profiles; clustering must make each profile contiguous.
        var m = new double[8, 5];
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 5; j++)
                m[i, j] = (i % 2 == 0 ? j : 5 - j) + 0.01 * i;
        var layout = new HeatmapChart(m) { ClusterRows = true }.ComputeLayout();
        var parity = layout.RowOrder.Select(r => r % 2).ToArray();
        int changes = parity.Zip(parity.Skip(1), (a, b) => a != b ? 1 : 0).Sum();
        Assert.Equal(1, changes);
        Assert.Equal(Enumerable.Range(0, 5), layout.ColumnOrder);
    }

    [Fact]
    public void Dense_labels_are_thinned_so_they_do_not_overlap()
    {
        var m = new double[300, 60];
        var chart = new HeatmapChart(m)
        {
            RowLabels = Enumerable.Range(0, 300).Select(i => $"feature_{i}").ToArray(),
            ColumnLabels = Enumerable.Range(0, 60).Select(i => $"gene_{i}").ToArray(),
        };
        var layout = chart.ComputeLayout();
        Assert.Equal(2, layout.CellHeight);                          // 720 / 300
        Assert.True(layout.RowLabelStep * layout.CellHeight >= BitmapFont.LineHeight);
        Assert.True(layout.ColumnLabelStep * layout.CellWidth >= BitmapFont.LineHeight);
        Assert.True(layout.RowLabelStep > 1);
        chart.Render();
    }

    [Fact]
    public void A_4096_by_476_matrix_renders_at_one_pixel_per_cell()
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
        var img = chart.Render();
        var layout = chart.ComputeLayout();
        Assert.Equal((1, 1), (layout.CellWidth, layout.CellHeight));
        Assert.Equal((476, 4096), (layout.Plot.Width, layout.Plot.Height));
        Assert.True(img.Height > 4096);
        var cell = layout.CellBounds(4095, 475);
        Assert.Equal(Colormap.Viridis.Map(layout.Range.Normalize(m[4095, 475])), img.GetPixel(cell.X, cell.Y));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
        PngEncoder.WriteAtomically(Path.Combine(Golden.RenderDirectory, "heatmap-4096x476.png"), img.ToPng(PngFilterMode.None)); // for inspection
    }

    [Fact]
    public void Edge_cases_render_or_fail_clearly()
    {
        Assert.NotNull(new HeatmapChart(new double[0, 0]) { Title = "Empty" }.Render());
        Assert.NotNull(new HeatmapChart(new double[1, 1] { { 4 } }).Render()); // constant
        var allNaN = new HeatmapChart(new double[,] { { double.NaN, double.NaN } }).Render();
        Assert.NotNull(allNaN);
        Assert.Throws<ArgumentException>(() => new HeatmapChart(Known()) { RowLabels = ["a"] }.Render());
        Assert.Throws<ArgumentException>(() => new HeatmapChart(Known()) { RowOrder = [0, 0, 1] }.Render());
        Assert.Throws<ArgumentException>(() => new HeatmapChart(Known()) { RowOrder = [0, 1, 2], ClusterRows = true }.Render());
        Assert.Throws<ArgumentException>(() => new HeatmapChart(Known()) { Minimum = 5, Maximum = 1 }.Render());
    }
}
