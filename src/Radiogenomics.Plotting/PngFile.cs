using SkiaSharp;

namespace Radiogenomics.Plotting;

/// <summary>Raw 8-bit pixels to PNG through SkiaSharp's encoder, for sheets composed pixel by pixel (overlays, masks).</summary>
public static class PngFile
{
    /// <summary>Encodes row-major RGB triplets.</summary>
    public static byte[] EncodeRgb(int width, int height, ReadOnlySpan<byte> rgb)
    {
        if (width < 1 || height < 1 || rgb.Length != 3 * width * height)
            throw new ArgumentException($"{rgb.Length} bytes for a {width}×{height} RGB image (expected {3L * width * height}).", nameof(rgb));
        var pixels = new SKColor[width * height];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = new SKColor(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
        return Encode(width, height, pixels);
    }

    /// <summary>Encodes row-major grey levels.</summary>
    public static byte[] EncodeGrey(int width, int height, ReadOnlySpan<byte> grey)
    {
        if (width < 1 || height < 1 || grey.Length != width * height)
            throw new ArgumentException($"{grey.Length} bytes for a {width}×{height} grey image.", nameof(grey));
        var pixels = new SKColor[width * height];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = new SKColor(grey[i], grey[i], grey[i]);
        return Encode(width, height, pixels);
    }

    private static byte[] Encode(int width, int height, SKColor[] pixels)
    {
        SkiaLibrary.EnsureResolvable();
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque) { Pixels = pixels };
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
