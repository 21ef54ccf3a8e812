namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// IBSI neighbourhood grey tone difference matrix features (chapter 3.10): per grey level i, n_i voxels that have
/// at least one ROI neighbour (Chebyshev distance 1; 8 in-plane or 26 in 3D) and s_i = Σ |i − mean of those
/// neighbours|. Voxels without ROI neighbours take no part.
/// </summary>
public static class NgtdmFeatures
{
    public const string Family = "NGTDM";

    public static readonly string[] Names = ["Coarseness", "Contrast", "Busyness", "Complexity", "Strength"];

    public static IReadOnlyList<RadiomicsFeature> Compute(DiscretisedImage image, ISet<string>? aggregations = null) =>
        TextureAggregation.PerSlice(image, Family, Names, slice => Matrix(image, slice), Features, aggregations);

    /// <summary>Column 0: n_i; column 1: s_i.</summary>
    internal static TextureMatrix Matrix(DiscretisedImage image, int? slice)
    {
        var m = new TextureMatrix(image.GreyLevels, 2);
        m.VoxelCount = NeighbourhoodScan.Run(image, slice, 0, (level, neighbours, sum, _) =>
        {
            if (neighbours == 0) return;
            m[level - 1, 0]++;
            m[level - 1, 1] += Math.Abs(level - sum / neighbours);
        });
        return m;
    }

    internal static double[] Features(TextureMatrix m)
    {
        int ng = m.Rows;
        double nvc = 0, sTotal = 0, ps = 0;
        for (int i = 0; i < ng; i++) { nvc += m[i, 0]; sTotal += m[i, 1]; }
        var p = new double[ng];
        int present = 0;
        for (int i = 0; i < ng; i++)
        {
            p[i] = m[i, 0] / nvc;
            if (p[i] > 0) present++;
            ps += p[i] * m[i, 1];
        }
        double contrastSum = 0, busyDenominator = 0, complexity = 0, strengthSum = 0;
        for (int i = 0; i < ng; i++)
        for (int j = 0; j < ng; j++)
        {
            if (p[i] == 0 || p[j] == 0) continue;
            double li = i + 1, lj = j + 1;
            contrastSum += p[i] * p[j] * (li - lj) * (li - lj);
            busyDenominator += Math.Abs(li * p[i] - lj * p[j]);
            complexity += Math.Abs(li - lj) * (p[i] * m[i, 1] + p[j] * m[j, 1]) / (p[i] + p[j]);
            strengthSum += (p[i] + p[j]) * (li - lj) * (li - lj);
        }
        double coarseness = ps == 0 ? 1e6 : 1 / ps; // IBSI: a flat ROI's coarseness is set to 10^6
        double contrast = present < 2 ? 0 : contrastSum / (present * (present - 1.0)) * sTotal / nvc;
        double busyness = busyDenominator == 0 ? 0 : ps / busyDenominator;
        double strength = sTotal == 0 ? 0 : strengthSum / sTotal;
        return [coarseness, contrast, busyness, complexity / nvc, strength];
    }
}
