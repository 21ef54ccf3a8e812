using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Radiomics.Filters;

/// <summary>
/// The scale-normalised Laplacian of Gaussian, σ²·∇²(G_σ ∗ I), σ in mm (σ/spacing voxels along each axis), as a
/// separable FIR filter truncated at <c>truncate</c>·σ (radius ⌊truncate·σ/spacing + 0.5⌋ voxels, IBSI 2's and
/// scipy.ndimage's rule), the Gaussian normalised to unit sum, edge voxels repeated beyond the image. PyRadiomics
/// uses SimpleITK's recursive (IIR) approximation of the same operator with normalizeAcrossScale; this one matches
/// scipy.ndimage.gaussian_filter's derivatives to rounding (golden test).
/// </summary>
public static class LaplacianOfGaussian
{
    public const double DefaultTruncate = 4.0;

    public static ImageVolume Apply(ImageVolume image, double sigmaMm, double truncate = DefaultTruncate)
    {
        if (!(sigmaMm > 0)) throw new ArgumentException($"LoG sigma must be > 0 mm, got {sigmaMm}");
        var g = image.Geometry;
        int nx = g.Columns, ny = g.Rows, nz = g.Slices;
        double[] spacing = [g.ColumnSpacing, g.RowSpacing, g.SliceSpacing];
        var smooth = new double[3][];
        var second = new double[3][];
        for (int a = 0; a < 3; a++) (smooth[a], second[a]) = Kernels(sigmaMm / spacing[a], truncate);
        double[] Pass(double[] v, int axis, double[] kernel) => VolumeLines.Apply(v, nx, ny, nz, axis, (i, o) => Correlate(i, o, kernel));

        var data = image.Voxels.Select(v => (double)v).ToArray();
        var dx = Pass(Pass(Pass(data, 0, second[0]), 1, smooth[1]), 2, smooth[2]);
        var sx = Pass(data, 0, smooth[0]);
        var dy = Pass(Pass(sx, 1, second[1]), 2, smooth[2]);
        var dz = Pass(Pass(sx, 1, smooth[1]), 2, second[2]);
        double s2 = sigmaMm * sigmaMm;
        var result = new float[data.Length];
        for (int v = 0; v < result.Length; v++)
            result[v] = (float)(s2 * (dx[v] / (spacing[0] * spacing[0]) + dy[v] / (spacing[1] * spacing[1]) + dz[v] / (spacing[2] * spacing[2])));
        return image.WithVoxels(result, $"LoG σ={sigmaMm} mm of {image.Source}");
    }

    /// <summary>The unit-sum sampled Gaussian φ and its analytic second derivative φ·(k² − s²)/s⁴, s in voxels.</summary>
    private static (double[] Smooth, double[] Second) Kernels(double s, double truncate)
    {
        int radius = (int)(truncate * s + 0.5);
        var phi = new double[2 * radius + 1];
        for (int k = -radius; k <= radius; k++) phi[k + radius] = Math.Exp(-0.5 * k * k / (s * s));
        double sum = phi.Sum();
        for (int i = 0; i < phi.Length; i++) phi[i] /= sum;
        var second = new double[phi.Length];
        for (int k = -radius; k <= radius; k++) second[k + radius] = phi[k + radius] * (k * k - s * s) / (s * s * s * s);
        return (phi, second);
    }

    /// <summary>Symmetric kernel, centre at its middle; indices beyond the line take the nearest edge voxel.</summary>
    private static void Correlate(ReadOnlySpan<double> input, Span<double> output, double[] kernel)
    {
        int n = input.Length, radius = kernel.Length / 2;
        // The line with `radius` edge copies on each side, so the inner loop needs no clamping.
        Span<double> ext = n + 2 * radius <= 4096 ? stackalloc double[n + 2 * radius] : new double[n + 2 * radius];
        for (int u = 0; u < ext.Length; u++) ext[u] = input[Math.Clamp(u - radius, 0, n - 1)];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int k = 0; k < kernel.Length; k++) sum += kernel[k] * ext[i + k];
            output[i] = sum;
        }
    }
}
