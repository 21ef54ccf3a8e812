namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// IBSI intensity–volume histogram features (chapter 3.5). ν(i) is the fraction of ROI voxels with intensity ≥ i
/// for i on the grid minimum, minimum + step, … maximum (absent intensities included); γ(i) = (i − min)/(max − min)
/// is the intensity fraction. Vx = ν at the lowest i with γ ≥ x; Ix = the lowest i with ν ≤ x.
/// </summary>
public static class IntensityVolumeHistogramFeatures
{
    public const string Family = "intensity-volume histogram";

    /// <param name="values">The ROI's intensities: discretised levels, or intensities on a grid of <paramref name="step"/>.</param>
    /// <param name="step">Spacing of the intensity grid (1 for discretised levels).</param>
    /// <param name="minimum">Lower end of the intensity range (default the ROI minimum), e.g. a re-segmentation bound.</param>
    /// <param name="maximum">Upper end (default the ROI maximum).</param>
    public static IReadOnlyList<RadiomicsFeature> Compute(double[] values, double step = 1, double? minimum = null, double? maximum = null)
    {
        if (values.Length == 0) throw new ArgumentException("no voxels in the intensity mask");
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        double lo = minimum ?? sorted[0], hi = maximum ?? sorted[^1];
        int points = (int)Math.Round((hi - lo) / step) + 1;
        var grid = Enumerable.Range(0, points).Select(k => lo + k * step).ToArray();
        var nu = new double[points];
        var gamma = new double[points];
        for (int k = 0; k < points; k++)
        {
            // Voxels at or above grid[k]: binary search on the sorted values (half a step of slack for rounding).
            int first = LowerBound(sorted, grid[k] - step * 1e-9);
            nu[k] = (double)(sorted.Length - first) / sorted.Length;
            gamma[k] = hi > lo ? (grid[k] - lo) / (hi - lo) : 0;
        }
        double V(double x) { for (int k = 0; k < points; k++) if (gamma[k] >= x) return nu[k]; return 0; }
        double I(double x) { for (int k = 0; k < points; k++) if (nu[k] <= x) return grid[k]; return hi + step; }
        double v10 = V(0.1), v90 = V(0.9), i10 = I(0.1), i90 = I(0.9);
        (string, double)[] features =
        [
            ("Volume at 10% intensity fraction (V10)", v10),
            ("Volume at 90% intensity fraction (V90)", v90),
            ("Intensity at 10% volume fraction (I10)", i10),
            ("Intensity at 90% volume fraction (I90)", i90),
            ("Volume fraction difference between intensity fractions", v10 - v90),
            ("Intensity fraction difference between volume fractions", i10 - i90),
        ];
        return features.Select(f => new RadiomicsFeature(Family, f.Item1, "3D", f.Item2)).ToList();
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
