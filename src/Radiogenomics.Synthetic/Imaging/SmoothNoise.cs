using System.Buffers;
using System.Numerics;

namespace Radiogenomics.Synthetic;

/// <summary>
/// Stationary, unit-variance, smooth Gaussian random fields on a voxel grid: i.i.d. N(0,1) values on a coarse lattice
/// (spacing = correlation length, per axis) interpolated by a separable cubic B-spline, three 1-D passes, the last two
/// vectorised. Per-axis weights are divided by √Σw², which removes the lattice-periodic variance ripple of plain
/// B-spline interpolation (otherwise the lattice shows as a faint grid). Cost ≈ 4 multiply-adds per voxel and axis.
/// </summary>
internal static class SmoothNoise
{
    private sealed class Axis
    {
        public required int[] Start;     // first lattice tap per output index
        public required float[] Weights; // 4 per output index
        public required int LatticeCount;

        public static Axis Create(int n, double spacing, double phase)
        {
            var start = new int[n];
            var weights = new float[4 * n];
            int max = 0;
            for (int i = 0; i < n; i++)
            {
                double u = (i + phase * spacing) / spacing + 1;
                int b = (int)Math.Floor(u);
                double t = u - b;
                double w0 = (1 - t) * (1 - t) * (1 - t) / 6;
                double w1 = (3 * t * t * t - 6 * t * t + 4) / 6;
                double w2 = (-3 * t * t * t + 3 * t * t + 3 * t + 1) / 6;
                double w3 = t * t * t / 6;
                double norm = 1 / Math.Sqrt(w0 * w0 + w1 * w1 + w2 * w2 + w3 * w3);
                start[i] = b - 1;
                weights[4 * i] = (float)(w0 * norm);
                weights[4 * i + 1] = (float)(w1 * norm);
                weights[4 * i + 2] = (float)(w2 * norm);
                weights[4 * i + 3] = (float)(w3 * norm);
                max = Math.Max(max, b - 1);
            }
            return new Axis { Start = start, Weights = weights, LatticeCount = max + 4 };
        }
    }

    /// <summary>Fills <paramref name="dest"/> (nx·ny·nz, x fastest) with a field whose lattice spacing is (lx, ly, lz) voxels.</summary>
    public static void Fill(Span<float> dest, int nx, int ny, int nz, double lx, double ly, double lz, Xoshiro256StarStar rng)
    {
        var ax = Axis.Create(nx, Math.Max(lx, 1), rng.NextDouble());
        var ay = Axis.Create(ny, Math.Max(ly, 1), rng.NextDouble());
        var az = Axis.Create(nz, Math.Max(lz, 1), rng.NextDouble());
        int cx = ax.LatticeCount, cy = ay.LatticeCount, cz = az.LatticeCount;
        var pool = ArrayPool<float>.Shared;
        float[] lattice = pool.Rent(cx * cy * cz), t1 = pool.Rent(nx * cy * cz), t2 = pool.Rent(nx * ny * cz);
        try
        {
            var table = GaussianTable.Values;
            var core = rng.Core;
            int count = cx * cy * cz;
            for (int i = 0; i < count; i += 4)
            {
                ulong r = core.Next();
                for (int q = 0; q < 4 && i + q < count; q++) lattice[i + q] = table[(int)((r >> (16 * q)) & 0xFFFF)];
            }
            rng.Core = core;

            // Pass 1 along x: lattice[cz][cy][cx] → t1[cz][cy][nx].
            for (int line = 0; line < cy * cz; line++)
            {
                int src = line * cx, dst = line * nx;
                for (int i = 0; i < nx; i++)
                {
                    int s = src + ax.Start[i];
                    int w = 4 * i;
                    t1[dst + i] = ax.Weights[w] * lattice[s] + ax.Weights[w + 1] * lattice[s + 1] + ax.Weights[w + 2] * lattice[s + 2] + ax.Weights[w + 3] * lattice[s + 3];
                }
            }
            // Pass 2 along y: t1[cz][cy][nx] → t2[cz][ny][nx], whole rows at a time.
            for (int kz = 0; kz < cz; kz++)
                for (int j = 0; j < ny; j++)
                {
                    int s = (kz * cy + ay.Start[j]) * nx;
                    Combine(t2.AsSpan((kz * ny + j) * nx, nx), t1.AsSpan(s, nx), t1.AsSpan(s + nx, nx), t1.AsSpan(s + 2 * nx, nx), t1.AsSpan(s + 3 * nx, nx), ay.Weights.AsSpan(4 * j, 4));
                }
            // Pass 3 along z: t2[cz][ny][nx] → dest[nz][ny][nx], whole planes at a time.
            int plane = nx * ny;
            for (int k = 0; k < nz; k++)
            {
                int s = az.Start[k] * plane;
                Combine(dest.Slice(k * plane, plane), t2.AsSpan(s, plane), t2.AsSpan(s + plane, plane), t2.AsSpan(s + 2 * plane, plane), t2.AsSpan(s + 3 * plane, plane), az.Weights.AsSpan(4 * k, 4));
            }
        }
        finally
        {
            pool.Return(lattice);
            pool.Return(t1);
            pool.Return(t2);
        }
    }

    private static void Combine(Span<float> dst, ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c, ReadOnlySpan<float> d, ReadOnlySpan<float> w)
    {
        int n = dst.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var w0 = new Vector<float>(w[0]); var w1 = new Vector<float>(w[1]); var w2 = new Vector<float>(w[2]); var w3 = new Vector<float>(w[3]);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = w0 * new Vector<float>(a[i..]) + w1 * new Vector<float>(b[i..]) + w2 * new Vector<float>(c[i..]) + w3 * new Vector<float>(d[i..]);
                v.CopyTo(dst[i..]);
            }
        }
        for (; i < n; i++) dst[i] = w[0] * a[i] + w[1] * b[i] + w[2] * c[i] + w[3] * d[i];
    }
}
