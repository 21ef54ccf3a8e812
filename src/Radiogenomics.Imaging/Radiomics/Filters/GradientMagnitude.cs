using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Radiomics.Filters;

/// <summary>
/// |∇I| by central differences, (I[i+1] − I[i−1]) / 2h per axis with h the spacing in mm (or 1 when
/// <c>useSpacing</c> is false, PyRadiomics' gradientUseSpacing), edge voxels repeated: SimpleITK's
/// GradientMagnitudeImageFilter, which PyRadiomics' <c>gradient</c> image type runs.
/// </summary>
public static class GradientMagnitude
{
    public static ImageVolume Apply(ImageVolume image, bool useSpacing = true)
    {
        var g = image.Geometry;
        int nx = g.Columns, ny = g.Rows, nz = g.Slices;
        double hx = useSpacing ? g.ColumnSpacing : 1, hy = useSpacing ? g.RowSpacing : 1, hz = useSpacing ? g.SliceSpacing : 1;
        var v = image.Voxels;
        var result = new float[v.Length];
        for (int z = 0; z < nz; z++)
        for (int y = 0; y < ny; y++)
        for (int x = 0; x < nx; x++)
        {
            double gx = (v[g.Index(Math.Min(x + 1, nx - 1), y, z)] - (double)v[g.Index(Math.Max(x - 1, 0), y, z)]) / (2 * hx);
            double gy = (v[g.Index(x, Math.Min(y + 1, ny - 1), z)] - (double)v[g.Index(x, Math.Max(y - 1, 0), z)]) / (2 * hy);
            double gz = (v[g.Index(x, y, Math.Min(z + 1, nz - 1))] - (double)v[g.Index(x, y, Math.Max(z - 1, 0))]) / (2 * hz);
            result[g.Index(x, y, z)] = (float)Math.Sqrt(gx * gx + gy * gy + gz * gz);
        }
        return image.WithVoxels(result, $"gradient of {image.Source}");
    }
}
