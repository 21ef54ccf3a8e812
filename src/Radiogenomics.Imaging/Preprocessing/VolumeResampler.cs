namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// Resamples volumes in patient space: to isotropic spacing (trilinear or cubic B-spline), onto any target grid,
/// and masks onto an image's grid with nearest neighbour. Points within half a voxel outside the source take the
/// edge value (so a resampled grid has no dark rim); farther ones get the outside value.
/// </summary>
public static class VolumeResampler
{
    /// <summary>
    /// Same origin and directions, spacing <paramref name="spacingMm"/> on every axis (default: the finest of the
    /// three), and as many voxels as cover the same physical extent (rounded).
    /// </summary>
    public static ImageVolume ToIsotropic(ImageVolume volume, double? spacingMm = null, VolumeInterpolation interpolation = VolumeInterpolation.Linear)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var g = volume.Geometry;
        var s = spacingMm ?? Math.Min(g.ColumnSpacing, Math.Min(g.RowSpacing, g.SliceSpacing));
        if (!(s > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(spacingMm), spacingMm, "The isotropic spacing must be positive (mm).");
        }
        static int Count(int n, double spacing, double s) => Math.Max(1, (int)Math.Round(n * spacing / s));
        var target = g with
        {
            Columns = Count(g.Columns, g.ColumnSpacing, s),
            Rows = Count(g.Rows, g.RowSpacing, s),
            Slices = Count(g.Slices, g.SliceSpacing, s),
            ColumnSpacing = s,
            RowSpacing = s,
            SliceSpacing = s,
        };
        return Resample(volume, target, interpolation);
    }

    /// <summary>Samples <paramref name="volume"/> at every voxel centre of <paramref name="target"/>.</summary>
    public static ImageVolume Resample(ImageVolume volume, VolumeGeometry target, VolumeInterpolation interpolation, float outsideValue = 0)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(target);
        var g = volume.Geometry;
        // Source continuous index = origin + i·di + j·dj + k·dk (an affine map, as both grids are orthonormal).
        var o = g.PointToIndex(target.IndexToPoint(0, 0, 0));
        var di = Subtract(g.PointToIndex(target.IndexToPoint(1, 0, 0)), o);
        var dj = Subtract(g.PointToIndex(target.IndexToPoint(0, 1, 0)), o);
        var dk = Subtract(g.PointToIndex(target.IndexToPoint(0, 0, 1)), o);
        var coefficients = interpolation == VolumeInterpolation.BSpline ? Prefilter(volume) : null;
        var output = new float[target.VoxelCount];
        var src = volume.Voxels;
        int nc = g.Columns, nr = g.Rows, ns = g.Slices;
        Parallel.For(0, target.Slices, k =>
        {
            Span<double> wx = stackalloc double[4], wy = stackalloc double[4], wz = stackalloc double[4];
            for (var j = 0; j < target.Rows; j++)
            {
                var index = (k * target.Rows + j) * target.Columns;
                for (var i = 0; i < target.Columns; i++)
                {
                    var x = o.Column + i * di.Column + j * dj.Column + k * dk.Column;
                    var y = o.Row + i * di.Row + j * dj.Row + k * dk.Row;
                    var z = o.Slice + i * di.Slice + j * dj.Slice + k * dk.Slice;
                    if (!(Inside(x, nc) && Inside(y, nr) && Inside(z, ns)))
                    {
                        output[index + i] = outsideValue;
                        continue;
                    }
                    x = Math.Clamp(x, 0, nc - 1);
                    y = Math.Clamp(y, 0, nr - 1);
                    z = Math.Clamp(z, 0, ns - 1);
                    output[index + i] = interpolation switch
                    {
                        VolumeInterpolation.NearestNeighbour => src[((int)Math.Round(z) * nr + (int)Math.Round(y)) * nc + (int)Math.Round(x)],
                        VolumeInterpolation.Linear => Trilinear(src, nc, nr, ns, x, y, z),
                        _ => BSplineAt(coefficients!, nc, nr, ns, x, y, z, wx, wy, wz),
                    };
                }
            }
        });
        return new ImageVolume(target, output, volume.Source);
    }

    /// <summary>
    /// Nearest-neighbour resampling of a mask onto <paramref name="image"/>'s grid. Throws
    /// <see cref="GeometryMismatchException"/> when mask voxels &gt; 0 lie outside the image (saying how far), since
    /// they would be silently lost.
    /// </summary>
    public static ImageVolume ResampleMask(ImageVolume mask, ImageVolume image)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(image);
        var ig = image.Geometry;
        var mg = mask.Geometry;
        int lost = 0, total = 0;
        double farthest = 0;
        for (var k = 0; k < mg.Slices; k++)
        for (var j = 0; j < mg.Rows; j++)
        for (var i = 0; i < mg.Columns; i++)
        {
            if (!(mask.Voxels[mg.Index(i, j, k)] > 0))
            {
                continue;
            }
            total++;
            var (x, y, z) = ig.PointToIndex(mg.IndexToPoint(i, j, k));
            var beyond = Math.Max(Beyond(x, ig.Columns) * ig.ColumnSpacing, Math.Max(Beyond(y, ig.Rows) * ig.RowSpacing, Beyond(z, ig.Slices) * ig.SliceSpacing));
            if (beyond > 1e-6)
            {
                lost++;
                farthest = Math.Max(farthest, beyond);
            }
        }
        if (lost > 0)
        {
            throw GeometryMismatchException.MaskOutside(image, mask, lost, total, farthest);
        }
        return Resample(mask, ig, VolumeInterpolation.NearestNeighbour);
    }

    private static double Beyond(double index, int n) => Math.Max(0, Math.Max(-0.5 - index, index - (n - 0.5)));

    private static bool Inside(double index, int n) => index >= -0.5 - 1e-9 && index <= n - 0.5 + 1e-9;

    private static (double Column, double Row, double Slice) Subtract((double Column, double Row, double Slice) a, (double Column, double Row, double Slice) b) =>
        (a.Column - b.Column, a.Row - b.Row, a.Slice - b.Slice);

    private static float Trilinear(float[] v, int nc, int nr, int ns, double x, double y, double z)
    {
        int x0 = Math.Min((int)x, nc - 1), y0 = Math.Min((int)y, nr - 1), z0 = Math.Min((int)z, ns - 1);
        int x1 = Math.Min(x0 + 1, nc - 1), y1 = Math.Min(y0 + 1, nr - 1), z1 = Math.Min(z0 + 1, ns - 1);
        double fx = x - x0, fy = y - y0, fz = z - z0;
        double At(int xi, int yi, int zi) => v[(zi * nr + yi) * nc + xi];
        var c00 = At(x0, y0, z0) * (1 - fx) + At(x1, y0, z0) * fx;
        var c10 = At(x0, y1, z0) * (1 - fx) + At(x1, y1, z0) * fx;
        var c01 = At(x0, y0, z1) * (1 - fx) + At(x1, y0, z1) * fx;
        var c11 = At(x0, y1, z1) * (1 - fx) + At(x1, y1, z1) * fx;
        return (float)((c00 * (1 - fy) + c10 * fy) * (1 - fz) + (c01 * (1 - fy) + c11 * fy) * fz);
    }

    private static float BSplineAt(double[] c, int nc, int nr, int ns, double x, double y, double z, Span<double> wx, Span<double> wy, Span<double> wz)
    {
        int fx = (int)Math.Floor(x), fy = (int)Math.Floor(y), fz = (int)Math.Floor(z);
        BSpline.Weights(x - fx, wx);
        BSpline.Weights(y - fy, wy);
        BSpline.Weights(z - fz, wz);
        double sum = 0;
        for (var a = 0; a < 4; a++)
        {
            var zi = BSpline.Mirror(fz - 1 + a, ns);
            for (var b = 0; b < 4; b++)
            {
                var yi = BSpline.Mirror(fy - 1 + b, nr);
                var row = (zi * nr + yi) * nc;
                var w = wz[a] * wy[b];
                for (var d = 0; d < 4; d++)
                {
                    sum += w * wx[d] * c[row + BSpline.Mirror(fx - 1 + d, nc)];
                }
            }
        }
        return (float)sum;
    }

    /// <summary>Spline coefficients of the whole volume: the 1-D prefilter along each axis in turn.</summary>
    private static double[] Prefilter(ImageVolume volume)
    {
        var g = volume.Geometry;
        int nc = g.Columns, nr = g.Rows, ns = g.Slices;
        var c = new double[volume.Voxels.Length];
        for (var n = 0; n < c.Length; n++)
        {
            c[n] = volume.Voxels[n];
        }
        var scratch = new double[Math.Max(nc, Math.Max(nr, ns))];
        for (var k = 0; k < ns; k++)
        for (var j = 0; j < nr; j++)
        {
            BSpline.Prefilter(c, (k * nr + j) * nc, nc, 1, scratch);
        }
        for (var k = 0; k < ns; k++)
        for (var i = 0; i < nc; i++)
        {
            BSpline.Prefilter(c, k * nr * nc + i, nr, nc, scratch);
        }
        for (var j = 0; j < nr; j++)
        for (var i = 0; i < nc; i++)
        {
            BSpline.Prefilter(c, j * nc + i, ns, nr * nc, scratch);
        }
        return c;
    }
}
