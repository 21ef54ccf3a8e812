using System.Buffers.Binary;
using System.IO.Compression;

namespace Radiogenomics.Plotting;

/// <summary>
/// Writes PNG files (greyscale 8/16-bit and RGB 8-bit, no interlacing, no ancillary chunks).
/// The bytes depend only on the pixels and the options — no timestamps — so identical images give identical files.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Large IDAT payloads are split so that no single chunk gets unwieldy for readers that buffer whole chunks.
    private const int MaxIdatChunk = 1 << 20;

    private const byte ColorTypeGrey = 0, ColorTypeRgb = 2;

    public static byte[] Encode(RgbImage image, PngFilterMode filter = PngFilterMode.Adaptive)
    {
        ArgumentNullException.ThrowIfNull(image);
        return EncodeRgb8(image.Width, image.Height, image.Pixels, filter);
    }

    /// <summary>RGB, 8 bits per channel, <paramref name="rgb"/> row-major R,G,B,R,G,B…</summary>
    public static byte[] EncodeRgb8(int width, int height, ReadOnlySpan<byte> rgb, PngFilterMode filter = PngFilterMode.Adaptive)
    {
        CheckSize(width, height, rgb.Length, 3);
        return EncodeRaw(width, height, 8, ColorTypeRgb, 3, width * 3, rgb, filter);
    }

    /// <summary>Greyscale, 8 bits, one byte per pixel, row-major.</summary>
    public static byte[] EncodeGrey8(int width, int height, ReadOnlySpan<byte> grey, PngFilterMode filter = PngFilterMode.Adaptive)
    {
        CheckSize(width, height, grey.Length, 1);
        return EncodeRaw(width, height, 8, ColorTypeGrey, 1, width, grey, filter);
    }

    /// <summary>Greyscale, 16 bits (e.g. raw MRI intensities), one value per pixel, row-major; stored big-endian as PNG requires.</summary>
    public static byte[] EncodeGrey16(int width, int height, ReadOnlySpan<ushort> grey, PngFilterMode filter = PngFilterMode.Adaptive)
    {
        CheckSize(width, height, grey.Length, 1);
        var bytes = new byte[grey.Length * 2];
        for (int i = 0; i < grey.Length; i++) BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2 * i), grey[i]);
        return EncodeRaw(width, height, 16, ColorTypeGrey, 2, width * 2, bytes, filter);
    }

    /// <summary>Encodes <paramref name="image"/> and writes it to <paramref name="path"/> atomically.</summary>
    public static void Save(RgbImage image, string path, PngFilterMode filter = PngFilterMode.Adaptive) =>
        WriteAtomically(path, Encode(image, filter));

    /// <summary>
    /// Writes to a temporary file in the same folder and renames it over <paramref name="path"/>, so a reader
    /// (or a crash) never sees a half-written figure. Creates the folder when missing.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }

    private static void CheckSize(int width, int height, int length, int samplesPerPixel)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"PNG size {width}×{height} must be positive.");
        long expected = (long)width * height * samplesPerPixel;
        if (length != expected) throw new ArgumentException($"{length} samples given for a {width}×{height} image ({expected} needed).");
    }

    private static byte[] EncodeRaw(int width, int height, byte bitDepth, byte colorType, int bytesPerPixel, int stride,
        ReadOnlySpan<byte> raw, PngFilterMode filter)
    {
        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr[4..], (uint)height);
        ihdr[8] = bitDepth;
        ihdr[9] = colorType;
        ihdr[10] = 0; // compression: deflate
        ihdr[11] = 0; // filter method 0 (the five adaptive filters)
        ihdr[12] = 0; // no interlace
        WriteChunk(output, "IHDR"u8, ihdr);

        var compressed = Compress(raw, height, stride, bytesPerPixel, filter);
        for (int offset = 0; offset < compressed.Length; offset += MaxIdatChunk)
            WriteChunk(output, "IDAT"u8, compressed.AsSpan(offset, Math.Min(MaxIdatChunk, compressed.Length - offset)));
        WriteChunk(output, "IEND"u8, ReadOnlySpan<byte>.Empty);
        return output.ToArray();
    }

    private static byte[] Compress(ReadOnlySpan<byte> raw, int height, int stride, int bpp, PngFilterMode filter)
    {
        using var zbuffer = new MemoryStream();
        using (var z = new ZLibStream(zbuffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            var line = new byte[stride + 1];
            var best = new byte[stride + 1];
            var trial = new byte[stride + 1];
            var zeros = new byte[stride];
            for (int y = 0; y < height; y++)
            {
                var cur = raw.Slice(y * stride, stride);
                var prev = y == 0 ? zeros : raw.Slice((y - 1) * stride, stride);
                if (filter == PngFilterMode.None)
                {
                    line[0] = 0;
                    cur.CopyTo(line.AsSpan(1));
                    z.Write(line);
                    continue;
                }
                long bestScore = long.MaxValue;
                for (byte type = 0; type <= 4; type++)
                {
                    long score = FilterRow(type, cur, prev, bpp, trial);
                    if (score < bestScore)
                    {
                        bestScore = score;
                        (best, trial) = (trial, best);
                    }
                }
                z.Write(best);
            }
        }
        return zbuffer.ToArray();
    }

    /// <summary>Filters one scanline into <paramref name="dst"/> (type byte first); returns the sum of |signed byte|.</summary>
    private static long FilterRow(byte type, ReadOnlySpan<byte> cur, ReadOnlySpan<byte> prev, int bpp, byte[] dst)
    {
        dst[0] = type;
        long score = 0;
        for (int i = 0; i < cur.Length; i++)
        {
            int a = i >= bpp ? cur[i - bpp] : 0;
            int b = prev[i];
            int c = i >= bpp ? prev[i - bpp] : 0;
            int predictor = type switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) >> 1,
                _ => Paeth(a, b, c),
            };
            byte v = (byte)(cur[i] - predictor);
            dst[i + 1] = v;
            score += v < 128 ? v : 256 - v;
        }
        return score;
    }

    internal static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        type.CopyTo(header[4..]);
        output.Write(header);
        output.Write(data);
        uint crc = Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Start, type), data));
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
        output.Write(crcBytes);
    }
}
