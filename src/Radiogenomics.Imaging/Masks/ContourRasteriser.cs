namespace Radiogenomics.Imaging.Masks;

/// <summary>
/// Fills a closed polygon given in continuous (column, row) voxel indices at the voxel centres (integer indices)
/// by the even–odd rule: a centre is inside when a ray from it towards +column crosses the polygon's edges an odd
/// number of times. An edge counts for the rows y with min(y₀, y₁) ≤ y &lt; max(y₀, y₁) (half-open, so a vertex on a
/// row is counted once); a self-intersecting polygon gives the even–odd area.
/// </summary>
public static class ContourRasteriser
{
    /// <summary>Toggles (exclusive or) or sets (or) the voxels of <paramref name="slice"/> (row-major, columns fastest) inside the polygon.</summary>
    public static void Fill(IReadOnlyList<(double Column, double Row)> polygon, int columns, int rows, bool[] slice, ContourCombination combination)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        ArgumentNullException.ThrowIfNull(slice);
        if (slice.Length != columns * rows) throw new ArgumentException($"slice has {slice.Length} voxels, {columns}×{rows} expected", nameof(slice));
        if (polygon.Count < 3) return;
        double minRow = polygon.Min(p => p.Row), maxRow = polygon.Max(p => p.Row);
        int first = Math.Max(0, (int)Math.Ceiling(minRow)), last = Math.Min(rows - 1, (int)Math.Floor(maxRow));
        var crossings = new List<double>();
        for (int row = first; row <= last; row++)
        {
            crossings.Clear();
            for (int e = 0; e < polygon.Count; e++)
            {
                var (x0, y0) = polygon[e];
                var (x1, y1) = polygon[(e + 1) % polygon.Count];
                if ((y0 > row) == (y1 > row)) continue;
                crossings.Add(x0 + (row - y0) * (x1 - x0) / (y1 - y0));
            }
            crossings.Sort();
            // Between the 2m-th and (2m+1)-th crossing (sorted) a centre has an odd number of crossings to its right.
            for (int pair = 0; pair + 1 < crossings.Count; pair += 2)
            {
                int from = Math.Max(0, (int)Math.Floor(crossings[pair]) + 1), to = Math.Min(columns - 1, (int)Math.Ceiling(crossings[pair + 1]) - 1);
                for (int column = from; column <= to; column++)
                {
                    // Strictly between the two crossings; a centre exactly on a crossing lies on an edge.
                    if (!(column > crossings[pair] && column < crossings[pair + 1])) continue;
                    int index = row * columns + column;
                    slice[index] = combination == ContourCombination.Xor ? !slice[index] : true;
                }
            }
        }
    }
}
