using Radiogenomics.Statistics;
namespace Radiogenomics.Plotting;

/// <summary>
/// A heatmap of a matrix (rows × columns, e.g. −log10 q of radiomic × genomic feature pairs) with row and
/// column labels, a title and a colour bar. NaN cells are light grey; +∞ and −∞ take the ends of the scale.
/// Cells shrink to 1 pixel for large matrices (4,096 × 476 renders as a 476 × 4,096-pixel plot) and labels
/// are thinned so they never overlap. Rows and columns can be reordered by hand or by average-linkage clustering.
/// Configure with init properties, then call <see cref="Render"/> or <see cref="Save"/>.
/// </summary>
public sealed class HeatmapChart
{
    private HeatmapLayout? _layout;

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

    private const int Margin = 12, LabelGap = 4, TickLength = 3, ColorBarGap = 16;

    /// <summary>Layout (computed once, including any clustering).</summary>
    public HeatmapLayout ComputeLayout() => _layout ??= BuildLayout();

    public RgbImage Render()
    {
        var layout = ComputeLayout();
        var font = BitmapFont.Default;
        var img = new RgbImage(layout.Width, layout.Height, Rgb.White);
        int s = FontScale, textH = font.MeasureHeight(s), capMid = BitmapFont.CapHeight * s / 2;
        var plot = layout.Plot;

        if (!string.IsNullOrEmpty(Title))
        {
            int w = font.MeasureWidth(Title, TitleScale);
            img.DrawText(Title, Math.Max(Margin, (layout.Width - w) / 2), Margin, Rgb.Ink, TitleScale);
        }

        if (Rows == 0 || Columns == 0)
        {
            img.DrawText("(no data)", plot.X, plot.Y, Rgb.Ink, s);
            return img;
        }

        var cellMap = Colormap;
        var range = layout.Range;
        for (int p = 0; p < Rows; p++)
        {
            int r = layout.RowOrder[p];
            for (int q = 0; q < Columns; q++)
            {
                double v = Values[r, layout.ColumnOrder[q]];
                var colour = double.IsNaN(v) ? NaNColor : cellMap.Map(range.Normalize(v));
                img.FillRectangle(plot.X + q * layout.CellWidth, plot.Y + p * layout.CellHeight, layout.CellWidth, layout.CellHeight, colour);
            }
        }

        int rowTick = layout.RowLabelStep > 1 ? TickLength : 0;
        if (RowLabels is not null)
        {
            for (int p = 0; p < Rows; p += layout.RowLabelStep)
            {
                string label = Label(RowLabels[layout.RowOrder[p]]);
                int cy = plot.Y + p * layout.CellHeight + layout.CellHeight / 2;
                if (rowTick > 0) img.FillRectangle(plot.X - rowTick, cy, rowTick, 1, Rgb.Ink);
                int w = font.MeasureWidth(label, s);
                img.DrawText(label, plot.X - rowTick - LabelGap - w, cy - capMid, Rgb.Ink, s);
            }
        }

        int colTick = layout.ColumnLabelStep > 1 ? TickLength : 0;
        if (ColumnLabels is not null)
        {
            for (int q = 0; q < Columns; q += layout.ColumnLabelStep)
            {
                string label = Label(ColumnLabels[layout.ColumnOrder[q]]);
                int cx = plot.X + q * layout.CellWidth + layout.CellWidth / 2;
                if (colTick > 0) img.FillRectangle(cx, plot.Bottom, 1, colTick, Rgb.Ink);
                img.DrawText(label, cx - capMid, plot.Bottom + colTick + LabelGap, Rgb.Ink, s, TextOrientation.BottomToTop);
            }
        }

        if (!string.IsNullOrEmpty(RowAxisTitle))
        {
            var (_, h) = font.Measure(RowAxisTitle, s, TextOrientation.BottomToTop);
            img.DrawText(RowAxisTitle, Margin, plot.Y + Math.Max(0, (plot.Height - h) / 2), Rgb.Ink, s, TextOrientation.BottomToTop);
        }
        if (!string.IsNullOrEmpty(ColumnAxisTitle))
        {
            int w = font.MeasureWidth(ColumnAxisTitle, s);
            img.DrawText(ColumnAxisTitle, plot.X + (plot.Width - w) / 2, layout.Height - Margin - textH, Rgb.Ink, s);
        }

        var bar = MakeColorBar(layout.Range, plot.Height);
        bar.Draw(img, plot.Right + ColorBarGap, plot.Y - textH / 2);
        return img;
    }

    /// <summary>Renders and writes a PNG atomically.</summary>
    public void Save(string path) => Render().SavePng(path);

    private ColorBar MakeColorBar(DisplayWindow range, int plotHeight) => new(Colormap, range)
    {
        Label = ColorBarLabel,
        Length = Math.Clamp(plotHeight, 100, 360),
        FontScale = FontScale,
    };

    private string Label(string? text)
    {
        text ??= "";
        return text.Length <= MaxLabelLength ? text : text[..Math.Max(1, MaxLabelLength - 2)] + "..";
    }

    private HeatmapLayout BuildLayout()
    {
        Validate();
        var font = BitmapFont.Default;
        int s = FontScale, textH = font.MeasureHeight(s), lineH = BitmapFont.LineHeight * s;
        int rows = Rows, cols = Columns;

        int cw = CellWidth ?? Math.Clamp(TargetPlotWidth / Math.Max(1, cols), 1, MaxCellSize);
        int ch = CellHeight ?? Math.Clamp(TargetPlotHeight / Math.Max(1, rows), 1, MaxCellSize);
        int plotW = cols * cw, plotH = rows * ch;
        if ((long)plotW * plotH > 400_000_000) throw new InvalidOperationException($"A {plotW}×{plotH}-pixel heatmap is too large; use smaller cells.");

        var rowOrder = Order(RowOrder, ClusterRows, rows, byColumns: false);
        var colOrder = Order(ColumnOrder, ClusterColumns, cols, byColumns: true);

        // Thin labels so consecutive ones are at least a text line apart.
        int rowStep = RowLabels is null || rows == 0 ? 0 : (lineH + ch - 1) / ch;
        int colStep = ColumnLabels is null || cols == 0 ? 0 : (lineH + cw - 1) / cw;
        int rowLabelW = 0, colLabelH = 0;
        if (RowLabels is not null)
            for (int p = 0; p < rows; p += rowStep) rowLabelW = Math.Max(rowLabelW, font.MeasureWidth(Label(RowLabels[rowOrder[p]]), s));
        if (ColumnLabels is not null)
            for (int q = 0; q < cols; q += colStep) colLabelH = Math.Max(colLabelH, font.MeasureWidth(Label(ColumnLabels[colOrder[q]]), s));
        int rowTick = rowStep > 1 ? TickLength : 0, colTick = colStep > 1 ? TickLength : 0;

        int titleH = string.IsNullOrEmpty(Title) ? 0 : font.MeasureHeight(TitleScale) + 12;
        int left = Margin + (string.IsNullOrEmpty(RowAxisTitle) ? 0 : textH + 8)
                   + (rowLabelW > 0 ? rowLabelW + LabelGap + rowTick : 0);
        int top = Margin + titleH + textH / 2; // half a line so the colour bar's top label fits

        var range = ValueRange();
        var (barW, barH) = MakeColorBar(range, plotH).Measure();
        int width = left + plotW + ColorBarGap + barW + Margin;
        int belowPlot = (colLabelH > 0 ? colTick + LabelGap + colLabelH : 0)
                        + (string.IsNullOrEmpty(ColumnAxisTitle) ? 0 : 8 + textH);
        int height = Math.Max(top + plotH + belowPlot, top - textH / 2 + barH) + Margin;
        if (!string.IsNullOrEmpty(Title)) width = Math.Max(width, font.MeasureWidth(Title, TitleScale) + 2 * Margin);
        if (!string.IsNullOrEmpty(ColumnAxisTitle)) width = Math.Max(width, left + font.MeasureWidth(ColumnAxisTitle, s) + Margin);
        if (rows == 0 || cols == 0)
        {
            width = Math.Max(width, left + font.MeasureWidth("(no data)", s) + Margin);
            height = Math.Max(height, top + textH + Margin);
        }

        return new HeatmapLayout(width, height, new PixelRect(left, top, plotW, plotH), cw, ch, rowOrder, colOrder, range, rowStep, colStep);
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
