using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// The region's bounding box plus a margin of the local-intensity sphere's radius (those features see voxels around
/// the ROI), so that no family walks the whole image; the same box cuts the original and every filtered image.
/// </summary>
internal sealed record CropBox(int X0, int Y0, int Z0, int Columns, int Rows, int Slices)
{
    public static CropBox Around(VolumeGeometry g, bool[] mask)
    {
        int x0 = int.MaxValue, y0 = int.MaxValue, z0 = int.MaxValue, x1 = -1, y1 = -1, z1 = -1;
        for (int z = 0; z < g.Slices; z++)
        for (int y = 0; y < g.Rows; y++)
        for (int x = 0; x < g.Columns; x++)
        {
            if (!mask[g.Index(x, y, z)]) continue;
            x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); z0 = Math.Min(z0, z);
            x1 = Math.Max(x1, x); y1 = Math.Max(y1, y); z1 = Math.Max(z1, z);
        }
        if (x1 < 0) return new CropBox(0, 0, 0, 0, 0, 0);
        double r = LocalIntensityFeatures.SphereRadiusMm;
        int mx = (int)Math.Ceiling(r / g.ColumnSpacing), my = (int)Math.Ceiling(r / g.RowSpacing), mz = (int)Math.Ceiling(r / g.SliceSpacing);
        x0 = Math.Max(0, x0 - mx); y0 = Math.Max(0, y0 - my); z0 = Math.Max(0, z0 - mz);
        x1 = Math.Min(g.Columns - 1, x1 + mx); y1 = Math.Min(g.Rows - 1, y1 + my); z1 = Math.Min(g.Slices - 1, z1 + mz);
        return new CropBox(x0, y0, z0, x1 - x0 + 1, y1 - y0 + 1, z1 - z0 + 1);
    }

    /// <summary>The box's intensities with the mask as both IBSI masks; an empty box gives one voxel outside the ROI.</summary>
    public RoiImage Crop(ImageVolume image, bool[] mask)
    {
        var g = image.Geometry;
        if (Columns == 0) return new RoiImage(1, 1, 1, g.ColumnSpacing, g.RowSpacing, g.SliceSpacing, [0], [false]);
        var intensities = new double[Columns * Rows * Slices];
        var cropped = new bool[intensities.Length];
        for (int z = 0; z < Slices; z++)
        for (int y = 0; y < Rows; y++)
        for (int x = 0; x < Columns; x++)
        {
            int source = g.Index(x + X0, y + Y0, z + Z0), target = (z * Rows + y) * Columns + x;
            intensities[target] = image.Voxels[source];
            cropped[target] = mask[source];
        }
        return new RoiImage(Columns, Rows, Slices, g.ColumnSpacing, g.RowSpacing, g.SliceSpacing, intensities, cropped, cropped);
    }
}
