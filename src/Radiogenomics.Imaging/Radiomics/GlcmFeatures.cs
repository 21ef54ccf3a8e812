namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// IBSI grey level co-occurrence matrix features (chapter 3.6): symmetric matrices of neighbour pairs at
/// Chebyshev distance 1 (both voxels in the ROI), 4 in-plane or 13 3-D directions, every IBSI aggregation.
/// Logarithms are base 2.
/// </summary>
public static class GlcmFeatures
{
    public const string Family = "GLCM";

    public static readonly string[] Names =
    [
        "Joint maximum", "Joint average", "Joint variance", "Joint entropy", "Difference average", "Difference variance",
        "Difference entropy", "Sum average", "Sum variance", "Sum entropy", "Angular second moment", "Contrast",
        "Dissimilarity", "Inverse difference", "Normalised inverse difference", "Inverse difference moment",
        "Normalised inverse difference moment", "Inverse variance", "Correlation", "Autocorrelation", "Cluster tendency",
        "Cluster shade", "Cluster prominence", "Information correlation 1", "Information correlation 2",
    ];

    public static IReadOnlyList<RadiomicsFeature> Compute(DiscretisedImage image, ISet<string>? aggregations = null) =>
        TextureAggregation.Directional(image, Family, Names, (slice, d) => Matrix(image, slice, d), Features, aggregations);

    internal static TextureMatrix Matrix(DiscretisedImage image, int? slice, (int X, int Y, int Z) d)
    {
        int ng = image.GreyLevels, nx = image.Columns, ny = image.Rows, nz = image.Slices;
        var m = new TextureMatrix(ng, ng);
        int z0 = slice ?? 0, z1 = slice ?? nz - 1;
        var levels = image.Levels;
        for (int z = z0; z <= z1; z++)
        for (int y = 0; y < ny; y++)
        for (int x = 0; x < nx; x++)
        {
            int a = levels[(z * ny + y) * nx + x];
            if (a == 0) continue;
            m.VoxelCount++;
            int qx = x + d.X, qy = y + d.Y, qz = z + d.Z;
            if (qx < 0 || qy < 0 || qz < 0 || qx >= nx || qy >= ny || qz >= nz) continue;
            int b = levels[(qz * ny + qy) * nx + qx];
            if (b == 0) continue;
            m[a - 1, b - 1]++;
            m[b - 1, a - 1]++;
        }
        return m;
    }

    internal static double[] Features(TextureMatrix matrix)
    {
        int ng = matrix.Rows;
        double total = matrix.Total;
        var p = new double[ng, ng];
        var px = new double[ng];
        var pDiff = new double[ng];
        var pSum = new double[2 * ng + 1]; // index i + j with levels counted from 1
        for (int i = 0; i < ng; i++)
        for (int j = 0; j < ng; j++)
        {
            double v = matrix[i, j] / total;
            p[i, j] = v;
            px[i] += v;
            pDiff[Math.Abs(i - j)] += v;
            pSum[i + j + 2] += v;
        }
        // The matrix is symmetric, so p_y = p_x, μ_y = μ_x and σ_y = σ_x.
        double mu = 0, jointMax = 0, jointEntropy = 0, asm = 0, contrast = 0, dissimilarity = 0, id = 0, idn = 0, idm = 0, idmn = 0;
        double autocorrelation = 0;
        for (int i = 0; i < ng; i++) mu += (i + 1) * px[i];
        double variance = 0, clusterTendency = 0, clusterShade = 0, clusterProminence = 0, covariance = 0;
        for (int i = 0; i < ng; i++)
        for (int j = 0; j < ng; j++)
        {
            double v = p[i, j];
            if (v == 0) continue;
            int li = i + 1, lj = j + 1, diff = Math.Abs(i - j);
            jointMax = Math.Max(jointMax, v);
            variance += (li - mu) * (li - mu) * v;
            jointEntropy -= v * Math.Log2(v);
            asm += v * v;
            contrast += diff * diff * v;
            dissimilarity += diff * v;
            id += v / (1 + diff);
            idn += v / (1 + (double)diff / ng);
            idm += v / (1 + diff * diff);
            idmn += v / (1 + (double)diff * diff / ((double)ng * ng));
            autocorrelation += li * lj * v;
            double s = li + lj - 2 * mu;
            clusterTendency += s * s * v;
            clusterShade += s * s * s * v;
            clusterProminence += s * s * s * s * v;
            covariance += (li - mu) * (lj - mu) * v;
        }
        double diffAverage = 0, diffVariance = 0, diffEntropy = 0, inverseVariance = 0;
        for (int k = 0; k < ng; k++) diffAverage += k * pDiff[k];
        for (int k = 0; k < ng; k++)
        {
            if (pDiff[k] == 0) continue;
            diffVariance += (k - diffAverage) * (k - diffAverage) * pDiff[k];
            diffEntropy -= pDiff[k] * Math.Log2(pDiff[k]);
            if (k > 0) inverseVariance += pDiff[k] / (k * k);
        }
        double sumAverage = 0, sumVariance = 0, sumEntropy = 0;
        for (int k = 2; k <= 2 * ng; k++) sumAverage += k * pSum[k];
        for (int k = 2; k <= 2 * ng; k++)
        {
            if (pSum[k] == 0) continue;
            sumVariance += (k - sumAverage) * (k - sumAverage) * pSum[k];
            sumEntropy -= pSum[k] * Math.Log2(pSum[k]);
        }
        double hx = 0, hxy1 = 0, hxy2 = 0;
        for (int i = 0; i < ng; i++) if (px[i] > 0) hx -= px[i] * Math.Log2(px[i]);
        for (int i = 0; i < ng; i++)
        for (int j = 0; j < ng; j++)
        {
            double q = px[i] * px[j];
            if (q == 0) continue;
            hxy1 -= p[i, j] * Math.Log2(q);
            hxy2 -= q * Math.Log2(q);
        }
        double correlation = variance == 0 ? double.NaN : covariance / variance;
        double ic1 = hx == 0 ? double.NaN : (jointEntropy - hxy1) / hx;
        double ic2 = Math.Sqrt(Math.Max(0, 1 - Math.Exp(-2 * (hxy2 - jointEntropy))));
        return
        [
            jointMax, mu, variance, jointEntropy, diffAverage, diffVariance, diffEntropy, sumAverage, sumVariance, sumEntropy,
            asm, contrast, dissimilarity, id, idn, idm, idmn, inverseVariance, correlation, autocorrelation, clusterTendency,
            clusterShade, clusterProminence, ic1, ic2,
        ];
    }
}
