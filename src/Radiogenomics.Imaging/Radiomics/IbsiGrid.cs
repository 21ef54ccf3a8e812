namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// IBSI's interpolation grid (manual 2.4, "align grid centers"): per axis n' = ⌈n·s/s'⌉ voxels of the new spacing
/// s', placed so that the centre of the new grid coincides with the centre of the old one.
/// </summary>
public static class IbsiGrid
{
    public static VolumeGeometry Resampled(VolumeGeometry g, double columnSpacing, double rowSpacing, double? sliceSpacing)
    {
        double ss = sliceSpacing ?? g.SliceSpacing;
        int Count(int n, double s, double target) => Math.Max(1, (int)Math.Ceiling(n * s / target - 1e-9));
        int nc = Count(g.Columns, g.ColumnSpacing, columnSpacing), nr = Count(g.Rows, g.RowSpacing, rowSpacing);
        int ns = sliceSpacing is null ? g.Slices : Count(g.Slices, g.SliceSpacing, ss);
        // First new centre in old continuous indices: old centre − half the new extent between centres.
        double Start(int n, double s, int nNew, double sNew) => 0.5 * (n - 1) - 0.5 * (nNew - 1) * sNew / s;
        var origin = g.IndexToPoint(Start(g.Columns, g.ColumnSpacing, nc, columnSpacing), Start(g.Rows, g.RowSpacing, nr, rowSpacing),
            Start(g.Slices, g.SliceSpacing, ns, ss));
        return g with
        {
            Columns = nc, Rows = nr, Slices = ns, Origin = origin,
            ColumnSpacing = columnSpacing, RowSpacing = rowSpacing, SliceSpacing = ss,
        };
    }
}
