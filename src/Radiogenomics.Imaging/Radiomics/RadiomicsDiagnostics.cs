using System.Globalization;
using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// PyRadiomics' <c>diagnostics_*</c> values of an image and its region mask (before any resampling): image spacing,
/// size, mean, minimum and maximum; mask bounding box, voxel count, number of 26-connected parts and centre of
/// mass (index and LPS mm). Tuples are written as PyRadiomics prints them, "(x, y, z)".
/// </summary>
public static class RadiomicsDiagnostics
{
    /// <param name="image">The whole image.</param>
    /// <param name="mask">The region mask on <paramref name="box"/> of the image's grid (the whole grid when null).</param>
    public static List<(string Key, string Value)> Compute(ImageVolume image, ImageVolume mask, SubVolume? box = null)
    {
        var g = image.Geometry;
        var mg = mask.Geometry;
        var values = image.Voxels;
        int ox = box?.X ?? 0, oy = box?.Y ?? 0, oz = box?.Z ?? 0;
        int count = 0, x0 = int.MaxValue, y0 = int.MaxValue, z0 = int.MaxValue, x1 = -1, y1 = -1, z1 = -1;
        double cx = 0, cy = 0, cz = 0, regionSum = 0, regionMin = double.PositiveInfinity, regionMax = double.NegativeInfinity;
        for (int mz = 0; mz < mg.Slices; mz++)
        for (int my = 0; my < mg.Rows; my++)
        for (int mx = 0; mx < mg.Columns; mx++)
        {
            if (!(mask.Voxels[mg.Index(mx, my, mz)] > 0)) continue;
            int x = mx + ox, y = my + oy, z = mz + oz, v = g.Index(x, y, z);
            count++;
            cx += x; cy += y; cz += z;
            x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); z0 = Math.Min(z0, z);
            x1 = Math.Max(x1, x); y1 = Math.Max(y1, y); z1 = Math.Max(z1, z);
            regionSum += values[v];
            regionMin = Math.Min(regionMin, values[v]);
            regionMax = Math.Max(regionMax, values[v]);
        }
        string Tuple(params double[] xs) => "(" + string.Join(", ", xs.Select(x => x.ToString("G10", CultureInfo.InvariantCulture))) + ")";
        var list = new List<(string, string)>
        {
            ("diagnostics_Image-original_Dimensionality", "3D"),
            ("diagnostics_Image-original_Spacing", Tuple(g.ColumnSpacing, g.RowSpacing, g.SliceSpacing)),
            ("diagnostics_Image-original_Size", Tuple(g.Columns, g.Rows, g.Slices)),
            ("diagnostics_Image-original_Mean", Format(values.Average(x => (double)x))),
            ("diagnostics_Image-original_Minimum", Format(values.Min())),
            ("diagnostics_Image-original_Maximum", Format(values.Max())),
            ("diagnostics_Mask-original_Spacing", Tuple(mg.ColumnSpacing, mg.RowSpacing, mg.SliceSpacing)),
            ("diagnostics_Mask-original_Size", Tuple(g.Columns, g.Rows, g.Slices)),
            ("diagnostics_Mask-original_VoxelNum", count.ToString(CultureInfo.InvariantCulture)),
        };
        if (count > 0)
        {
            var centre = new[] { cx / count, cy / count, cz / count };
            var point = g.IndexToPoint(centre[0], centre[1], centre[2]);
            list.Add(("diagnostics_Mask-original_BoundingBox", Tuple(x0, y0, z0, x1 - x0 + 1, y1 - y0 + 1, z1 - z0 + 1)));
            list.Add(("diagnostics_Mask-original_VolumeNum", ConnectedComponents.Label(mask).Count.ToString(CultureInfo.InvariantCulture)));
            list.Add(("diagnostics_Mask-original_CenterOfMassIndex", Tuple(centre)));
            list.Add(("diagnostics_Mask-original_CenterOfMass", Tuple(point.X, point.Y, point.Z)));
            list.Add(("diagnostics_Mask-original_Mean", Format(regionSum / count)));
            list.Add(("diagnostics_Mask-original_Minimum", Format(regionMin)));
            list.Add(("diagnostics_Mask-original_Maximum", Format(regionMax)));
        }
        return list;
    }

    private static string Format(double x) => x.ToString("G10", CultureInfo.InvariantCulture);
}
