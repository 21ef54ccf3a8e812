using Radiogenomics.Statistics;
namespace Radiogenomics.Plotting;

/// <summary>
/// A heatmap of a matrix (rows × columns, e.g. −log10 q of radiomic × genomic feature pairs) with row and
/// column labels, a title and a colour bar. NaN cells are light grey; +∞ and −∞ take the ends of the scale.
/// Cells shrink to 1 point for large matrices and labels are thinned so they never overlap; drawn by ScottPlot. Rows and columns can be reordered by hand or by average-linkage clustering.
/// Configure with init properties, then <see cref="Save"/> as .png or .svg.
/// </summary>
public sealed class HeatmapChart
{

    /// <param name="values">values[row, column]; read when the chart is first laid out, so don't change it afterwards.</param>
    public HeatmapChart(double[,] values) => Values = values ?? throw new ArgumentNullException(nameof(values));

    public double[,] Values { get; }
    public int Rows => Values.GetLength(0);
    public int Columns => Values.GetLength(1);

    public string? Title { get; init; }

    /// <summary>One label per row (drawn at the left), or null for none.</summary>
    public IReadOnlyList<string>? RowLabels { get; init; }

    /// <summary>One label per column (drawn below, rotated to read bottom to top), or null for none.</summary>
    public IReadOnlyList<string>? ColumnLabels { get; init; }

    /// <summary>Title of the row axis, e.g. "Radiomic features" (drawn rotated at the far left).</summary>
    public string? RowAxisTitle { get; init; }

    /// <summary>Title of the column axis, e.g. "Genomic features" (drawn under the column labels).</summary>
    public string? ColumnAxisTitle { get; init; }

    /// <summary>Title of the colour bar, e.g. "-log10 q".</summary>
    public string? ColorBarLabel { get; init; }

    public Colormap Colormap { get; init; } = Colormap.Viridis;

    /// <summary>Value at the bottom of the colour scale; default the smallest finite value.</summary>
    public double? Minimum { get; init; }

    /// <summary>Value at the top of the colour scale; default the largest finite value.</summary>
    public double? Maximum { get; init; }

    /// <summary>Make the automatic range symmetric about 0 (use with <see cref="Colormap.BlueWhiteRed"/> for signed values).</summary>
    public bool SymmetricRange { get; init; }

    /// <summary>Display order of the rows: RowOrder[p] is the row drawn at position p. A permutation of 0..Rows−1.</summary>
    public IReadOnlyList<int>? RowOrder { get; init; }

    public IReadOnlyList<int>? ColumnOrder { get; init; }

    /// <summary>Order rows by average-linkage clustering (Euclidean). Cannot be combined with <see cref="RowOrder"/>.</summary>
    public bool ClusterRows { get; init; }

    public bool ClusterColumns { get; init; }

    /// <summary>Cell width in pixels; by default as large as fits <see cref="TargetPlotWidth"/> (1 to <see cref="MaxCellSize"/>).</summary>
    public int? CellWidth { get; init; }

    public int? CellHeight { get; init; }

    /// <summary>Width the cell area aims for when the cell width is automatic; never below 1 pixel per column.</summary>
    public int TargetPlotWidth { get; init; } = 720;

    public int TargetPlotHeight { get; init; } = 720;

    /// <summary>Largest automatic cell size, so a 3 × 4 matrix does not become a wall of colour.</summary>
    public int MaxCellSize { get; init; } = 32;

    public Rgb NaNColor { get; init; } = Rgb.MissingGrey;

    public int FontScale { get; init; } = 1;
    public int TitleScale { get; init; } = 2;

    /// <summary>Labels longer than this many characters are cut and end in "..".</summary>
    public int MaxLabelLength { get; init; } = 40;

    /// <summary>The row and column order drawn (top to bottom, left to right), after any clustering.</summary>
    public (int[] Rows, int[] Columns) DrawOrder()
    {
        Validate();
        return _order ??= (Order(RowOrder, ClusterRows, Rows, byColumns: false), Order(ColumnOrder, ClusterColumns, Columns, byColumns: true));
    }

    private (int[] Rows, int[] Columns)? _order;

    /// <summary>Writes the heatmap as PNG, or SVG when the path ends in .svg.</summary>
    public void Save(string path)
    {
        SkiaLibrary.EnsureResolvable();
        var (rowOrder, colOrder) = DrawOrder();
        int cw = CellWidth ?? Math.Clamp(TargetPlotWidth / Math.Max(1, Columns), 1, MaxCellSize);
        int ch = CellHeight ?? Math.Clamp(TargetPlotHeight / Math.Max(1, Rows), 1, MaxCellSize);
        if ((long)cw * Columns * ch * Rows > 100_000_000) throw new InvalidOperationException($"A {cw * Columns}×{ch * Rows}-point heatmap is too large; use smaller cells.");
        float labelSize = 10 * FontScale;
        // Thin labels so consecutive ones are at least a text line apart.
        int rowStep = RowLabels is null ? 0 : (int)Math.Ceiling(1.3 * labelSize / ch);
        int colStep = ColumnLabels is null ? 0 : (int)Math.Ceiling(1.3 * labelSize / cw);
        var rowTicks = Ticks(RowLabels, rowOrder, rowStep, r => Rows - 0.5 - r);
        var colTicks = Ticks(ColumnLabels, colOrder, colStep, c => c + 0.5);

        using var font = new SkiaSharp.SKFont(FigureFile.Typeface, labelSize);
        float rowLabelW = rowTicks.Labels.Select(l => font.MeasureText(l)).DefaultIfEmpty(0).Max();
        float colLabelH = colTicks.Labels.Select(l => font.MeasureText(l)).DefaultIfEmpty(0).Max();
        int width = (int)Math.Ceiling(cw * Columns + rowLabelW + (RowAxisTitle is null ? 0 : 24) + 170);
        int height = (int)Math.Ceiling(ch * Rows + colLabelH + (ColumnAxisTitle is null ? 0 : 24) + (Title is null ? 0 : 10 * TitleScale) + 50);

        var plot = new ScottPlot.Plot();
        plot.Font.Set(FigureFile.FontFamily);
        if (!string.IsNullOrEmpty(Title)) plot.Title(Title, 8f * TitleScale * FontScale);
        if (Rows == 0 || Columns == 0)
        {
            plot.Add.Annotation("(no data)");
            FigureFile.Save(plot, path, Math.Max(width, 320), Math.Max(height, 200));
            return;
        }

        // Row 0 of the drawn matrix at the top, as people read a table.
        var drawn = new double[Rows, Columns];
        var range = ValueRange();
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Columns; c++)
            {
                double v = Values[rowOrder[r], colOrder[c]];
                drawn[r, c] = double.IsPositiveInfinity(v) ? range.High : double.IsNegativeInfinity(v) ? range.Low : v;
            }
        // ScottPlot needs one finite value to find a range: an all-missing matrix is drawn as zeros in the missing colour.
        bool anyFinite = drawn.Cast<double>().Any(double.IsFinite);
        if (!anyFinite) drawn = new double[Rows, Columns];
        var heatmap = plot.Add.Heatmap(drawn);
        heatmap.Colormap = new ScottPlotColormap(anyFinite ? Colormap : Colormap.FromColors("missing", NaNColor, NaNColor));
        heatmap.ManualRange = new ScottPlot.Range(range.Low, range.High);
        heatmap.NaNCellColor = NaNColor.ToScottPlot();
        heatmap.Extent = new ScottPlot.CoordinateRect(0, Columns, 0, Rows);
        heatmap.Smooth = false;
        var bar = plot.Add.ColorBar(heatmap);
        if (ColorBarLabel is not null) bar.Label = ColorBarLabel;

        plot.Axes.Left.SetTicks(rowTicks.Positions, rowTicks.Labels);
        plot.Axes.Bottom.SetTicks(colTicks.Positions, colTicks.Labels);
        plot.Axes.Left.TickLabelStyle.FontSize = labelSize;
        plot.Axes.Bottom.TickLabelStyle.FontSize = labelSize;
        plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ScottPlot.Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = colLabelH + 12;
        plot.Axes.Left.MinimumSize = rowLabelW + 12;
        if (RowAxisTitle is not null) plot.YLabel(RowAxisTitle, 12 * FontScale);
        if (ColumnAxisTitle is not null) plot.XLabel(ColumnAxisTitle, 12 * FontScale);
        plot.HideGrid();
        plot.Axes.SetLimits(0, Columns, 0, Rows);
        FigureFile.Save(plot, path, width, height);
    }

    private (double[] Positions, string[] Labels) Ticks(IReadOnlyList<string>? labels, int[] order, int step, Func<int, double> position)
    {
        if (labels is null || step <= 0) return ([], []);
        var at = Enumerable.Range(0, order.Length).Where(i => i % step == 0).ToArray();
        return (at.Select(position).ToArray(), at.Select(i => Label(labels[order[i]])).ToArray());
    }

    private string Label(string? text)
    {
        text ??= "";
        return text.Length <= MaxLabelLength ? text : text[..Math.Max(1, MaxLabelLength - 2)] + "..";
    }

    private void Validate()
    {
        if (RowLabels is not null && RowLabels.Count != Rows)
            throw new ArgumentException($"{RowLabels.Count} row labels for {Rows} rows.");
        if (ColumnLabels is not null && ColumnLabels.Count != Columns)
            throw new ArgumentException($"{ColumnLabels.Count} column labels for {Columns} columns.");
        if (RowOrder is not null && ClusterRows) throw new ArgumentException("Give RowOrder or ClusterRows, not both.");
        if (ColumnOrder is not null && ClusterColumns) throw new ArgumentException("Give ColumnOrder or ClusterColumns, not both.");
        if (CellWidth is < 1 || CellHeight is < 1) throw new ArgumentException("Cell sizes must be at least 1 pixel.");
        if (MaxCellSize < 1 || TargetPlotWidth < 1 || TargetPlotHeight < 1) throw new ArgumentException("MaxCellSize and the target plot sizes must be positive.");
        if (FontScale < 1 || TitleScale < 1) throw new ArgumentException("Font scales must be at least 1.");
        if (MaxLabelLength < 3) throw new ArgumentException("MaxLabelLength must be at least 3.");
        if (Minimum is { } lo && Maximum is { } hi && !(hi >= lo)) throw new ArgumentException($"Maximum {hi} is below Minimum {lo}.");
    }

    private DisplayWindow ValueRange()
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in Values)
        {
            if (!double.IsFinite(v)) continue;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        if (lo > hi) (lo, hi) = (0, 1);
        if (SymmetricRange)
        {
            double m = Math.Max(Math.Abs(lo), Math.Abs(hi));
            (lo, hi) = m > 0 ? (-m, m) : (-1, 1);
        }
        return new DisplayWindow(Minimum ?? lo, Maximum ?? hi);
    }

    private int[] Order(IReadOnlyList<int>? given, bool cluster, int n, bool byColumns)
    {
        if (given is not null)
        {
            if (given.Count != n) throw new ArgumentException($"The {(byColumns ? "column" : "row")} order has {given.Count} entries for {n} {(byColumns ? "columns" : "rows")}.");
            var seen = new bool[n];
            foreach (var i in given)
            {
                if ((uint)i >= (uint)n || seen[i]) throw new ArgumentException($"The {(byColumns ? "column" : "row")} order is not a permutation of 0..{n - 1} (entry {i}).");
                seen[i] = true;
            }
            return given.ToArray();
        }
        if (!cluster || n <= 2) return Enumerable.Range(0, n).ToArray();
        return HierarchicalClustering.AverageLinkageOrder(FiniteCopy(), byColumns);
    }

    /// <summary>The matrix with ±∞ replaced by the finite extremes, so clustering distances stay finite.</summary>
    private double[,] FiniteCopy()
    {
        var range = ValueRange();
        var copy = (double[,])Values.Clone();
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
            {
                double v = copy[i, j];
                if (double.IsPositiveInfinity(v)) copy[i, j] = Math.Max(range.High, range.Low);
                else if (double.IsNegativeInfinity(v)) copy[i, j] = Math.Min(range.Low, range.High);
            }
        return copy;
    }
}
