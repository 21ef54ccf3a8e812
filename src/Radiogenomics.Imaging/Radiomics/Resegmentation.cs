namespace Radiogenomics.Imaging.Radiomics;

/// <summary>IBSI re-segmentation (manual 2.5): the intensity mask loses voxels outside an intensity range or beyond mean ± k·SD.</summary>
public static class Resegmentation
{
    public static bool[] Range(RoiImage roi, double? minimum, double? maximum)
    {
        var mask = (bool[])roi.IntensityMask.Clone();
        for (int v = 0; v < mask.Length; v++)
        {
            if (!mask[v]) continue;
            double x = roi.Intensities[v];
            if ((minimum is double lo && x < lo) || (maximum is double hi && x > hi)) mask[v] = false;
        }
        return mask;
    }

    /// <summary>Keeps voxels within mean ± <paramref name="sigmas"/> population SDs of the current intensity mask.</summary>
    public static bool[] Outliers(RoiImage roi, double sigmas)
    {
        var values = roi.RoiIntensities();
        var mask = (bool[])roi.IntensityMask.Clone();
        if (values.Length == 0) return mask;
        double mean = values.Average(), sd = Math.Sqrt(values.Average(x => (x - mean) * (x - mean)));
        for (int v = 0; v < mask.Length; v++)
            if (mask[v] && Math.Abs(roi.Intensities[v] - mean) > sigmas * sd) mask[v] = false;
        return mask;
    }
}
