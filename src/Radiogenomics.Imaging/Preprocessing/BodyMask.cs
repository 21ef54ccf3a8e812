namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// A body mask from the image itself, for clipping the peritumoral ring to tissue: Otsu threshold over the
/// volume, the largest 26-connected component (the patient, not noise or coil artefacts), and holes filled
/// slice by slice (dark tissue such as fat-suppressed fat or cysts inside the body stays in).
/// </summary>
public static class BodyMask
{
    public static ImageVolume FromImage(ImageVolume image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var threshold = OtsuThreshold(image.Voxels);
        var foreground = new float[image.Voxels.Length];
        for (var n = 0; n < foreground.Length; n++)
        {
            foreground[n] = image.Voxels[n] > threshold ? 1 : 0;
        }
        var body = ConnectedComponents.KeepLargest(image.WithVoxels(foreground, $"body mask of {ImageVolume.Describe(image.Source)}"));
        FillHolesPerSlice(body);
        return body;
    }

    /// <summary>Otsu's threshold on a 256-bin histogram between the volume's min and max.</summary>
    public static double OtsuThreshold(ReadOnlySpan<float> values)
    {
        const int bins = 256;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (!(max > min))
        {
            return min;
        }
        var histogram = new long[bins];
        var width = (max - min) / bins;
        foreach (var v in values)
        {
            histogram[Math.Min(bins - 1, (int)((v - min) / width))]++;
        }
        double total = values.Length, sumAll = 0;
        for (var b = 0; b < bins; b++)
        {
            sumAll += b * (double)histogram[b];
        }
        double weightBelow = 0, sumBelow = 0, best = -1;
        var bestBin = 0;
        for (var b = 0; b < bins - 1; b++)
        {
            weightBelow += histogram[b];
            sumBelow += b * (double)histogram[b];
            var weightAbove = total - weightBelow;
            if (weightBelow == 0 || weightAbove == 0)
            {
                continue;
            }
            var meanBelow = sumBelow / weightBelow;
            var meanAbove = (sumAll - sumBelow) / weightAbove;
            var between = weightBelow * weightAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best)
            {
                best = between;
                bestBin = b;
            }
        }
        return min + (bestBin + 1) * width;
    }

    /// <summary>Background regions of a slice that do not touch the slice border are holes: filled.</summary>
    private static void FillHolesPerSlice(ImageVolume mask)
    {
        int nc = mask.Columns, nr = mask.Rows;
        var outside = new bool[nc * nr];
        var stack = new Stack<int>();
        for (var k = 0; k < mask.Slices; k++)
        {
            var offset = k * nc * nr;
            Array.Clear(outside);
            void Seed(int n)
            {
                if (!outside[n] && !(mask.Voxels[offset + n] > 0))
                {
                    outside[n] = true;
                    stack.Push(n);
                }
            }
            for (var i = 0; i < nc; i++)
            {
                Seed(i);
                Seed((nr - 1) * nc + i);
            }
            for (var j = 0; j < nr; j++)
            {
                Seed(j * nc);
                Seed(j * nc + nc - 1);
            }
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                int i = n % nc, j = n / nc;
                if (i > 0) Seed(n - 1);
                if (i < nc - 1) Seed(n + 1);
                if (j > 0) Seed(n - nc);
                if (j < nr - 1) Seed(n + nc);
            }
            for (var n = 0; n < outside.Length; n++)
            {
                if (!outside[n])
                {
                    mask.Voxels[offset + n] = 1;
                }
            }
        }
    }
}
