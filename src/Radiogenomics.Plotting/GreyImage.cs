namespace Radiogenomics.Plotting;

/// <summary>
/// A single-channel floating-point image (an MRI slice, a preprocessed tensor, one deep-feature map),
/// stored row-major: pixel (x, y) is <c>Data[y * Width + x]</c>. NaN marks a missing pixel.
/// </summary>
public sealed class GreyImage
{
    public GreyImage(int width, int height)
        : this(width, height, new float[PixelCount(width, height)]) { }

    /// <summary>Wraps <paramref name="data"/> without copying.</summary>
    public GreyImage(int width, int height, float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Image size {width}×{height} must be positive.");
        if (data.Length != (long)width * height)
            throw new ArgumentException($"{data.Length} values do not make a {width}×{height} image ({(long)width * height} needed).", nameof(data));
        Width = width;
        Height = height;
        Data = data;
    }

    private static int PixelCount(int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"Image size {width}×{height} must be positive.");
        return checked(width * height);
    }

    public int Width { get; }
    public int Height { get; }
    public float[] Data { get; }

    public float this[int x, int y]
    {
        get => Data[y * Width + x];
        set => Data[y * Width + x] = value;
    }

    /// <summary>Copies a row-major span of doubles (for example one channel of a tensor).</summary>
    public static GreyImage FromValues(int width, int height, ReadOnlySpan<double> values)
    {
        if (values.Length != (long)width * height)
            throw new ArgumentException($"{values.Length} values do not make a {width}×{height} image.", nameof(values));
        var data = new float[values.Length];
        for (int i = 0; i < data.Length; i++) data[i] = (float)values[i];
        return new GreyImage(width, height, data);
    }

    /// <summary>Copies a [row, column] array: rows become image rows (y), columns image columns (x).</summary>
    public static GreyImage FromArray(float[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int h = values.GetLength(0), w = values.GetLength(1);
        var img = new GreyImage(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                img.Data[y * w + x] = values[y, x];
        return img;
    }
}
