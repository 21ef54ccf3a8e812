using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Radiomics.Filters;

/// <summary>
/// The one-level undecimated (stationary) 3-D wavelet transform as PyRadiomics computes it (pywt.swtn, level 1):
/// along each axis the line is made periodic, an odd length first padded by repeating its first voxel, and filtered
/// with the decomposition low-pass (L) or high-pass (H) filter without down-sampling; the 8 combinations are named
/// by their letters in (x, y, z) order, in PyRadiomics' order (<c>LLH</c> … <c>HHH</c>, then the approximation <c>LLL</c>).
/// Filter taps are the published Haar and Coiflet-1 scaling filters (as pywt tabulates them, orthonormal: Σh = √2).
/// </summary>
public static class UndecimatedWavelet
{
    /// <summary>The combinations in PyRadiomics' output order: details first (pywt's key order), approximation last.</summary>
    public static readonly string[] Combinations = ["LLH", "LHL", "LHH", "HLL", "HLH", "HHL", "HHH", "LLL"];

    public static readonly string[] Wavelets = ["coif1", "haar"];

    /// <summary>Decomposition low-pass filters (the scaling filters); the high-pass filter is their quadrature mirror.</summary>
    private static double[] LowPass(string wavelet) => wavelet switch
    {
        "haar" => [Math.Sqrt(0.5), Math.Sqrt(0.5)],
        "coif1" => [-0.015655728135791993, -0.07273261951252645, 0.3848648468648578, 0.8525720202116004, 0.3378976624574818, -0.07273261951252645],
        _ => throw new ArgumentException($"wavelet '{wavelet}' is not supported; use one of: {string.Join(", ", Wavelets)}"),
    };

    /// <summary>g[k] = (−1)^(k+1) h[F−1−k], pywt's decomposition high-pass filter.</summary>
    private static double[] HighPass(double[] low) => low.Select((_, k) => (k % 2 == 0 ? -1 : 1) * low[low.Length - 1 - k]).ToArray();

    /// <summary>The 8 sub-bands of <paramref name="image"/>, in <see cref="Combinations"/>' order, on the image's grid.</summary>
    public static IReadOnlyList<(string Combination, ImageVolume Image)> Decompose(ImageVolume image, string wavelet)
    {
        var low = LowPass(wavelet);
        var high = HighPass(low);
        var g = image.Geometry;
        var data = image.Voxels.Select(v => (double)v).ToArray();
        var bands = new Dictionary<string, double[]> { [""] = data };
        for (int axis = 0; axis < 3; axis++)
        {
            var next = new Dictionary<string, double[]>();
            foreach (var (name, band) in bands)
            {
                next[name + "L"] = VolumeLines.Apply(band, g.Columns, g.Rows, g.Slices, axis, (i, o) => Periodic(i, o, low));
                next[name + "H"] = VolumeLines.Apply(band, g.Columns, g.Rows, g.Slices, axis, (i, o) => Periodic(i, o, high));
            }
            bands = next;
        }
        return Combinations.Select(c => (c, image.WithVoxels(bands[c].Select(v => (float)v).ToArray(), $"wavelet-{c} of {image.Source}"))).ToList();
    }

    /// <summary>
    /// y[i] = Σ_j f[j]·x[(i + F/2 − j) mod P], P the length made even by repeating x[0] (pywt's SWT alignment
    /// and PyRadiomics' wrap padding), cut back to the line's length.
    /// </summary>
    private static void Periodic(ReadOnlySpan<double> input, Span<double> output, double[] filter)
    {
        int n = input.Length, period = n % 2 == 0 ? n : n + 1, f = filter.Length, offset = f - 1 - f / 2;
        // ext[u] = x_p[(u − offset) mod P], so that y[i] = Σ_j f[j]·ext[i + F − 1 − j] runs without wrapping.
        Span<double> ext = n + f <= 4096 ? stackalloc double[n + f] : new double[n + f];
        for (int u = 0; u < n + f - 1; u++)
        {
            int k = ((u - offset) % period + period) % period;
            ext[u] = input[k == n ? 0 : k];
        }
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < f; j++) sum += filter[j] * ext[i + f - 1 - j];
            output[i] = sum;
        }
    }
}
