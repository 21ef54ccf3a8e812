using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Radiomics;

/// <summary>A box of a volume's voxels with its own geometry (same spacing and directions, origin at the box's first voxel).</summary>
public sealed record SubVolume(int X, int Y, int Z, int Columns, int Rows, int Slices)
{
    /// <summary>The bounding box of the mask's voxels &gt; 0 grown by <paramref name="marginMm"/> on every side, clipped to the grid; null when the mask is empty.</summary>
    public static SubVolume? AroundMask(ImageVolume mask, double marginMm)
    {
        var g = mask.Geometry;
        int x0 = int.MaxValue, y0 = int.MaxValue, z0 = int.MaxValue, x1 = -1, y1 = -1, z1 = -1;
        for (int z = 0; z < g.Slices; z++)
        for (int y = 0; y < g.Rows; y++)
        {
            int row = g.Index(0, y, z);
            for (int x = 0; x < g.Columns; x++)
            {
                if (!(mask.Voxels[row + x] > 0)) continue;
                x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); z0 = Math.Min(z0, z);
                x1 = Math.Max(x1, x); y1 = Math.Max(y1, y); z1 = Math.Max(z1, z);
            }
        }
        if (x1 < 0) return null;
        int mx = (int)Math.Ceiling(marginMm / g.ColumnSpacing), my = (int)Math.Ceiling(marginMm / g.RowSpacing), mz = (int)Math.Ceiling(marginMm / g.SliceSpacing);
        x0 = Math.Max(0, x0 - mx); y0 = Math.Max(0, y0 - my); z0 = Math.Max(0, z0 - mz);
        x1 = Math.Min(g.Columns - 1, x1 + mx); y1 = Math.Min(g.Rows - 1, y1 + my); z1 = Math.Min(g.Slices - 1, z1 + mz);
        return new SubVolume(x0, y0, z0, x1 - x0 + 1, y1 - y0 + 1, z1 - z0 + 1);
    }

    public ImageVolume Cut(ImageVolume volume)
    {
        var g = volume.Geometry;
        var geometry = g with { Columns = Columns, Rows = Rows, Slices = Slices, Origin = g.IndexToPoint(X, Y, Z) };
        var voxels = new float[Columns * Rows * Slices];
        for (int z = 0; z < Slices; z++)
        for (int y = 0; y < Rows; y++)
            Array.Copy(volume.Voxels, g.Index(X, y + Y, z + Z), voxels, (z * Rows + y) * Columns, Columns);
        return new ImageVolume(geometry, voxels, volume.Source);
    }
}
