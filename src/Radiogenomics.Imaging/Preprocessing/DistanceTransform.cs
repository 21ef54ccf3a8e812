namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// Exact Euclidean distance transform in millimetres (Felzenszwalb &amp; Huttenlocher 2012, separable lower envelopes
/// of parabolas), honouring anisotropic spacing: a 10 mm margin is 10 mm whatever the slice gap.
/// </summary>
public static class DistanceTransform
{
    // "No feature yet": finite, far above any real squared distance (4e6 mm² for 2 m), small enough that
    // Far + x² still resolves x² in the envelope arithmetic.
    private const double Far = 1e12;

    /// <summary>For every voxel, the distance (mm) from its centre to the nearest centre of a voxel &gt; 0 (0 on the mask).</summary>
    public static float[] Euclidean(ImageVolume mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var g = mask.Geometry;
        int nc = g.Columns, nr = g.Rows, ns = g.Slices;
        var d = new double[mask.Voxels.Length];
        for (var n = 0; n < d.Length; n++)
        {
            d[n] = mask.Voxels[n] > 0 ? 0 : Far;
        }
        var longest = Math.Max(nc, Math.Max(nr, ns));
        Pass(d, ns * nr, nc, line => line * nc, 1, g.ColumnSpacing, longest);
        Pass(d, ns * nc, nr, line => line / nc * nr * nc + line % nc, nc, g.RowSpacing, longest);
        Pass(d, nr * nc, ns, line => line, nr * nc, g.SliceSpacing, longest);
        var result = new float[d.Length];
        for (var n = 0; n < d.Length; n++)
        {
            result[n] = d[n] >= Far / 2 ? float.PositiveInfinity : (float)Math.Sqrt(d[n]);
        }
        return result;
    }

    private static void Pass(double[] d, int lines, int length, Func<int, int> start, int stride, double spacing, int longest)
    {
        Parallel.For(0, lines, () => new Buffers(longest), (line, _, b) =>
        {
            var s = start(line);
            for (var q = 0; q < length; q++)
            {
                b.F[q] = d[s + q * stride];
            }
            Envelope(b, length, spacing);
            for (var q = 0; q < length; q++)
            {
                d[s + q * stride] = b.Out[q];
            }
            return b;
        }, _ => { });
    }

    /// <summary>Squared distance along one line: out[q] = min_p ((q − p)·spacing)² + f[p].</summary>
    private static void Envelope(Buffers b, int n, double spacing)
    {
        var f = b.F;
        var v = b.V;
        var z = b.Z;
        var k = 0;
        v[0] = 0;
        z[0] = double.NegativeInfinity;
        z[1] = double.PositiveInfinity;
        for (var q = 1; q < n; q++)
        {
            var xq = q * spacing;
            double Intersection(int p)
            {
                var xp = p * spacing;
                return (f[q] + xq * xq - (f[p] + xp * xp)) / (2 * xq - 2 * xp);
            }
            var s = Intersection(v[k]);
            while (s <= z[k])
            {
                k--;
                s = Intersection(v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = double.PositiveInfinity;
        }
        k = 0;
        for (var q = 0; q < n; q++)
        {
            var xq = q * spacing;
            while (z[k + 1] < xq)
            {
                k++;
            }
            var dx = xq - v[k] * spacing;
            b.Out[q] = dx * dx + f[v[k]];
        }
    }

    private sealed class Buffers(int n)
    {
        public readonly double[] F = new double[n];
        public readonly double[] Out = new double[n];
        public readonly int[] V = new int[n];
        public readonly double[] Z = new double[n + 1];
    }
}
