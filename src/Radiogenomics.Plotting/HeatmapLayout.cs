namespace Radiogenomics.Plotting;

/// <summary>
/// Where a <see cref="HeatmapChart"/> puts things: image size, the cell area, cell size, the display order
/// of rows and columns, the value range of the colour scale and how densely labels are shown.
/// </summary>
public sealed class HeatmapLayout
{
    private readonly int[] _rowPosition, _columnPosition;

    internal HeatmapLayout(int width, int height, PixelRect plot, int cellWidth, int cellHeight,
        int[] rowOrder, int[] columnOrder, DisplayWindow range, int rowLabelStep, int columnLabelStep)
    {
        Width = width;
        Height = height;
        Plot = plot;
        CellWidth = cellWidth;
        CellHeight = cellHeight;
        RowOrder = rowOrder;
        ColumnOrder = columnOrder;
        Range = range;
        RowLabelStep = rowLabelStep;
        ColumnLabelStep = columnLabelStep;
        _rowPosition = Inverse(rowOrder);
        _columnPosition = Inverse(columnOrder);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The rectangle covered by the cells.</summary>
    public PixelRect Plot { get; }

    public int CellWidth { get; }
    public int CellHeight { get; }

    /// <summary>RowOrder[p] is the matrix row drawn at position p from the top.</summary>
    public IReadOnlyList<int> RowOrder { get; }

    /// <summary>ColumnOrder[p] is the matrix column drawn at position p from the left.</summary>
    public IReadOnlyList<int> ColumnOrder { get; }

    /// <summary>Values mapped to the ends of the colour scale.</summary>
    public DisplayWindow Range { get; }

    /// <summary>Every RowLabelStep-th row is labelled (1 = all); 0 when there are no row labels.</summary>
    public int RowLabelStep { get; }

    public int ColumnLabelStep { get; }

    /// <summary>Pixels of the cell of matrix entry [<paramref name="row"/>, <paramref name="column"/>].</summary>
    public PixelRect CellBounds(int row, int column) =>
        new(Plot.X + _columnPosition[column] * CellWidth, Plot.Y + _rowPosition[row] * CellHeight, CellWidth, CellHeight);

    private static int[] Inverse(int[] order)
    {
        var inv = new int[order.Length];
        for (int p = 0; p < order.Length; p++) inv[order[p]] = p;
        return inv;
    }
}
