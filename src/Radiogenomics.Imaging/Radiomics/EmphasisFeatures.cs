namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// The feature set that the GLRLM, GLSZM, GLDZM and NGLDM share (IBSI 3.7–3.9, 3.11): for counts r_ij by grey
/// level i and a second index j (run length, zone size, distance, dependence count) with N_s = Σ r_ij and
/// N_v voxels: small-j, large-j, low/high grey level emphases and their four combinations, grey level and j
/// non-uniformity (plain and normalised), percentage N_s/N_v, grey level and j variance, entropy and energy.
/// </summary>
internal static class EmphasisFeatures
{
    /// <returns>17 values in that order.</returns>
    public static double[] Compute(TextureMatrix r)
    {
        double ns = r.Total;
        double smallJ = 0, largeJ = 0, lowI = 0, highI = 0, smallJLowI = 0, smallJHighI = 0, largeJLowI = 0, largeJHighI = 0;
        double entropy = 0, energy = 0, muI = 0, muJ = 0;
        var rowSums = new double[r.Rows];
        var columnSums = new double[r.Columns];
        for (int a = 0; a < r.Rows; a++)
        for (int b = 0; b < r.Columns; b++)
        {
            double v = r[a, b];
            if (v == 0) continue;
            double i2 = (a + 1.0) * (a + 1.0), j2 = (b + 1.0) * (b + 1.0), p = v / ns;
            smallJ += v / j2; largeJ += v * j2; lowI += v / i2; highI += v * i2;
            smallJLowI += v / (i2 * j2); smallJHighI += v * i2 / j2; largeJLowI += v * j2 / i2; largeJHighI += v * i2 * j2;
            rowSums[a] += v; columnSums[b] += v;
            entropy -= p * Math.Log2(p);
            energy += p * p;
            muI += (a + 1) * p; muJ += (b + 1) * p;
        }
        double glnu = rowSums.Sum(s => s * s), jnu = columnSums.Sum(s => s * s), varI = 0, varJ = 0;
        for (int a = 0; a < r.Rows; a++) varI += (a + 1 - muI) * (a + 1 - muI) * rowSums[a] / ns;
        for (int b = 0; b < r.Columns; b++) varJ += (b + 1 - muJ) * (b + 1 - muJ) * columnSums[b] / ns;
        return
        [
            smallJ / ns, largeJ / ns, lowI / ns, highI / ns, smallJLowI / ns, smallJHighI / ns, largeJLowI / ns, largeJHighI / ns,
            glnu / ns, glnu / (ns * ns), jnu / ns, jnu / (ns * ns), ns / r.VoxelCount, varI, varJ, entropy, energy,
        ];
    }

    public static double[] First16(TextureMatrix r) => Compute(r)[..16];
}
