namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// Turns a volume (and optionally its tumour mask, on the same grid) into 2-D tensors: choose slices,
/// normalise intensities on the native pixels, resize to Size × Size, optionally pad to keep the aspect ratio.
/// Divide-by-max and min-max tensors lie in [0, 1] by construction: the anti-aliased (Lanczos) and cubic resizes
/// ring a few per cent beyond the input's range at edges, so their result is clamped to [0, 1] — the range a
/// sigmoid reconstruction can reach.
/// </summary>
public static class SliceTensorExtractor
{
    public static IReadOnlyList<SliceTensor> Extract(ImageVolume image, ImageVolume? mask = null, SliceTensorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new SliceTensorOptions();
        if (options.Size <= 0)
        {
            throw new ArgumentException($"SliceTensorOptions.Size ({options.Size}) must be positive.");
        }
        if (mask is not null)
        {
            GeometryMismatchException.ThrowIfDifferent(image, mask);
        }
        var slices = ChooseSlices(image, mask, options);
        var volumeStats = options.Scope == NormalisationScope.Volume ? Statistics.Of(image.Voxels) : default;
        var g = image.Geometry;
        var window = options.CropMillimetres > 0 ? TumourWindow(image, mask, options.CropMillimetres) : default;
        var (width, height) = window.Width > 0 ? (options.Size, options.Size) : TargetSize(g, options);
        var result = new List<SliceTensor>(slices.Count);
        foreach (var k in slices)
        {
            var pixels = window.Width > 0 ? Crop(image.Slice(k), g, window) : image.Slice(k).ToArray();
            Normalise(pixels, options.Normalisation, options.Scope == NormalisationScope.Volume ? volumeStats : Statistics.Of(pixels));
            var resized = window.Width > 0
                ? ImageResizer.Resize(pixels, window.Width, window.Height, width, height, options.Resize)
                : ImageResizer.Resize(pixels, g.Columns, g.Rows, width, height, options.Resize);
            if (options.Normalisation is IntensityNormalisation.DivideByMax or IntensityNormalisation.MinMax)
            {
                ClampToUnitInterval(resized);
            }
            result.Add(new SliceTensor(k, options.Size, Pad(resized, width, height, options.Size, options.PadValue)));
        }
        return result;
    }

    /// <summary>The tensors as one [count, Size, Size] array, slice after slice.</summary>
    public static float[] Stack(IReadOnlyList<SliceTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var stacked = new float[tensors.Sum(t => t.Pixels.Length)];
        var offset = 0;
        foreach (var t in tensors)
        {
            t.Pixels.CopyTo(stacked, offset);
            offset += t.Pixels.Length;
        }
        return stacked;
    }

    /// <summary>The crop window in pixels: a square of <paramref name="millimetres"/> centred on the mask's in-plane centroid.</summary>
    private static (int Left, int Top, int Width, int Height) TumourWindow(ImageVolume image, ImageVolume? mask, double millimetres)
    {
        if (mask is null)
        {
            throw new ArgumentException($"{ImageVolume.Describe(image.Source)}: a tumour-centred crop needs a tumour mask; pass one, or set CropMillimetres to 0.");
        }
        var g = image.Geometry;
        double sumColumn = 0, sumRow = 0;
        long count = 0;
        for (var k = 0; k < g.Slices; k++)
        {
            var slice = mask.Slice(k);
            for (var i = 0; i < slice.Length; i++)
            {
                if (slice[i] > 0)
                {
                    sumColumn += i % g.Columns;
                    sumRow += i / g.Columns;
                    count++;
                }
            }
        }
        if (count == 0)
        {
            throw new ArgumentException($"{ImageVolume.Describe(mask.Source)} is empty (no voxel > 0), so there is no tumour to centre the crop on.");
        }
        var width = Math.Max(1, (int)Math.Round(millimetres / g.ColumnSpacing));
        var height = Math.Max(1, (int)Math.Round(millimetres / g.RowSpacing));
        var left = (int)Math.Round(sumColumn / count - (width - 1) / 2.0);
        var top = (int)Math.Round(sumRow / count - (height - 1) / 2.0);
        return (left, top, width, height);
    }

    private static float[] Crop(ReadOnlySpan<float> slice, VolumeGeometry g, (int Left, int Top, int Width, int Height) w)
    {
        var cropped = new float[w.Width * w.Height];
        for (var r = 0; r < w.Height; r++)
        {
            var row = w.Top + r;
            if (row < 0 || row >= g.Rows)
            {
                continue;
            }
            for (var c = 0; c < w.Width; c++)
            {
                var column = w.Left + c;
                if (column >= 0 && column < g.Columns)
                {
                    cropped[r * w.Width + c] = slice[row * g.Columns + column];
                }
            }
        }
        return cropped;
    }

    private static List<int> ChooseSlices(ImageVolume image, ImageVolume? mask, SliceTensorOptions options)
    {
        var all = Enumerable.Range(0, image.Slices).ToList();
        List<int> TumourSlices()
        {
            if (mask is null)
            {
                throw new ArgumentException($"{ImageVolume.Describe(image.Source)}: slice choice {options.Slices} needs a tumour mask; pass one, or use SliceChoice.All.");
            }
            var slices = all.Where(k => mask.Slice(k).ContainsAnyExceptInRange(float.MinValue, 0f)).ToList();
            return slices.Count > 0
                ? slices
                : throw new ArgumentException($"{ImageVolume.Describe(mask.Source)} is empty (no voxel > 0), so there is no tumour slice in {ImageVolume.Describe(image.Source)}.");
        }
        switch (options.Slices)
        {
            case SliceChoice.Tumour:
                return TumourSlices();
            case SliceChoice.Central:
            {
                if (options.CentralCount <= 0)
                {
                    throw new ArgumentException($"SliceTensorOptions.CentralCount ({options.CentralCount}) must be positive.");
                }
                var range = mask is null ? all : TumourSlices();
                var (lo, hi) = (range[0], range[^1]);
                var count = Math.Min(options.CentralCount, image.Slices);
                // Centred on the middle of the range; shifted inwards at the volume's ends.
                var start = (int)Math.Floor((lo + hi + 1 - count) / 2.0);
                start = Math.Clamp(start, 0, image.Slices - count);
                return Enumerable.Range(start, count).ToList();
            }
            default:
                return all;
        }
    }

    private static (int Width, int Height) TargetSize(VolumeGeometry g, SliceTensorOptions options)
    {
        if (!options.PreserveAspect)
        {
            return (options.Size, options.Size);
        }
        var (widthMm, heightMm, _) = g.Extent;
        var scale = options.Size / Math.Max(widthMm, heightMm);
        return (Math.Clamp((int)Math.Round(widthMm * scale), 1, options.Size), Math.Clamp((int)Math.Round(heightMm * scale), 1, options.Size));
    }

    private static float[] Pad(float[] pixels, int width, int height, int size, float padValue)
    {
        if (width == size && height == size)
        {
            return pixels;
        }
        var padded = new float[size * size];
        Array.Fill(padded, padValue);
        var left = (size - width) / 2;
        var top = (size - height) / 2;
        for (var r = 0; r < height; r++)
        {
            pixels.AsSpan(r * width, width).CopyTo(padded.AsSpan((top + r) * size + left, width));
        }
        return padded;
    }

    private static void ClampToUnitInterval(float[] pixels)
    {
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = Math.Clamp(pixels[i], 0f, 1f);
        }
    }

    private static void Normalise(float[] pixels, IntensityNormalisation method, Statistics s)
    {
        switch (method)
        {
            case IntensityNormalisation.DivideByMax:
                Apply(pixels, s.Max > 0 ? 1 / s.Max : 0, 0);
                break;
            case IntensityNormalisation.MinMax:
                Apply(pixels, s.Max > s.Min ? 1 / (s.Max - s.Min) : 0, s.Min);
                break;
            case IntensityNormalisation.ZScore:
                Apply(pixels, s.StandardDeviation > 0 ? 1 / s.StandardDeviation : 0, s.Mean);
                break;
        }

        static void Apply(float[] pixels, double factor, double offset)
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (float)((pixels[i] - offset) * factor);
            }
        }
    }

    private readonly record struct Statistics(double Min, double Max, double Mean, double StandardDeviation)
    {
        public static Statistics Of(ReadOnlySpan<float> values)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0, sumSquares = 0;
            foreach (var v in values)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                sum += v;
            }
            var mean = sum / values.Length;
            foreach (var v in values)
            {
                sumSquares += (v - mean) * (v - mean);
            }
            return new Statistics(min, max, mean, Math.Sqrt(sumSquares / values.Length));
        }
    }
}
