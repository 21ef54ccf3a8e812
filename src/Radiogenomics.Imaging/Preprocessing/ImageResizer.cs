namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// Resizes 2-D float images (row-major, width fastest) separably: columns first, then rows.
/// See <see cref="ResizeMethod"/> for the two methods and why the anti-aliased one is the default.
/// </summary>
public static class ImageResizer
{
    public static float[] Resize(ReadOnlySpan<float> source, int width, int height, int newWidth, int newHeight, ResizeMethod method = ResizeMethod.AntiAliased)
    {
        if (width <= 0 || height <= 0 || newWidth <= 0 || newHeight <= 0)
        {
            throw new ArgumentException($"Sizes must be positive: {width}×{height} → {newWidth}×{newHeight}.");
        }
        if (source.Length != width * height)
        {
            throw new ArgumentException($"{source.Length} pixels for a {width}×{height} image ({width * height} needed).");
        }
        var data = new double[source.Length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = source[i];
        }
        // Pass 1 along x: height lines of width → newWidth; pass 2 along y.
        var horizontal = ResizeLines(data, lines: height, length: width, lineStride: width, step: 1, newLength: newWidth, method,
            output: new double[height * newWidth], outLineStride: newWidth, outStep: 1);
        var vertical = ResizeLines(horizontal, lines: newWidth, length: height, lineStride: 1, step: newWidth, newLength: newHeight, method,
            output: new double[newHeight * newWidth], outLineStride: 1, outStep: newWidth);
        var result = new float[vertical.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)vertical[i];
        }
        return result;
    }

    private static double[] ResizeLines(double[] data, int lines, int length, int lineStride, int step, int newLength, ResizeMethod method,
        double[] output, int outLineStride, int outStep)
    {
        if (method == ResizeMethod.SeedCubic)
        {
            var scratch = new double[length];
            Span<double> w = stackalloc double[4];
            // zoom's corner-aligned mapping (grid_mode=False); one output sample maps to the centre.
            var ratio = newLength > 1 ? (length - 1) / (double)(newLength - 1) : 0;
            for (var line = 0; line < lines; line++)
            {
                var start = line * lineStride;
                BSpline.Prefilter(data, start, length, step, scratch);
                for (var o = 0; o < newLength; o++)
                {
                    var x = newLength > 1 ? o * ratio : (length - 1) / 2.0;
                    var floor = (int)Math.Floor(x);
                    BSpline.Weights(x - floor, w);
                    double sum = 0;
                    for (var t = 0; t < 4; t++)
                    {
                        sum += w[t] * data[start + BSpline.Mirror(floor - 1 + t, length) * step];
                    }
                    output[line * outLineStride + o * outStep] = sum;
                }
            }
            return output;
        }

        var weights = Weights(length, newLength);
        for (var line = 0; line < lines; line++)
        {
            var start = line * lineStride;
            for (var o = 0; o < newLength; o++)
            {
                var (first, ws) = weights[o];
                double sum = 0;
                for (var t = 0; t < ws.Length; t++)
                {
                    sum += ws[t] * data[start + (first + t) * step];
                }
                output[line * outLineStride + o * outStep] = sum;
            }
        }
        return output;
    }

    /// <summary>Per output sample: the first input index and the normalised filter weights (Pillow's precompute_coeffs).</summary>
    private static (int First, double[] Weights)[] Weights(int length, int newLength)
    {
        var scale = length / (double)newLength;
        var downsampling = scale > 1;
        var filterScale = Math.Max(scale, 1);
        var support = (downsampling ? 3.0 : 2.0) * filterScale;
        var result = new (int, double[])[newLength];
        for (var o = 0; o < newLength; o++)
        {
            var centre = (o + 0.5) * scale; // pixel-area alignment: edges map to edges
            var first = Math.Max(0, (int)Math.Floor(centre - support + 0.5));
            var last = Math.Min(length, (int)Math.Floor(centre + support + 0.5));
            var ws = new double[Math.Max(1, last - first)];
            double total = 0;
            for (var t = 0; t < last - first; t++)
            {
                var x = (first + t - centre + 0.5) / filterScale;
                ws[t] = downsampling ? Lanczos3(x) : Cubic(x);
                total += ws[t];
            }
            if (total != 0)
            {
                for (var t = 0; t < ws.Length; t++)
                {
                    ws[t] /= total;
                }
            }
            result[o] = (first, ws);
        }
        return result;
    }

    private static double Lanczos3(double x)
    {
        if (x == 0)
        {
            return 1;
        }
        if (Math.Abs(x) >= 3)
        {
            return 0;
        }
        var px = Math.PI * x;
        return 3 * Math.Sin(px) * Math.Sin(px / 3) / (px * px);
    }

    /// <summary>Keys cubic convolution, a = −0.5 (Catmull-Rom-like, interpolating).</summary>
    private static double Cubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1)
        {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        return x < 2 ? (((x - 5) * x + 8) * x - 4) * a : 0;
    }
}
