using System.Buffers.Binary;
using System.IO.Compression;

namespace Radiogenomics.Plotting.Tests;

/// <summary>
/// An independent minimal PNG decoder for the tests: checks the signature, chunk order and every chunk's CRC
/// (with a bit-by-bit CRC, not the encoder's table), inflates IDAT and undoes the five filters.
/// </summary>
internal sealed record DecodedPng(int Width, int Height, int BitDepth, int ColorType, byte[] Samples, IReadOnlyList<string> Chunks)
{
    public int Channels => ColorType switch { 0 => 1, 2 => 3, _ => throw new NotSupportedException($"Colour type {ColorType}.") };
    public int BytesPerSample => BitDepth / 8;

    public Rgb Pixel(int x, int y)
    {
        if (ColorType != 2 || BitDepth != 8) throw new InvalidOperationException("Not RGB8.");
        int i = 3 * (y * Width + x);
        return new Rgb(Samples[i], Samples[i + 1], Samples[i + 2]);
    }

    public static DecodedPng Read(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(png.AsSpan(0, 8).SequenceEqual(signature), "PNG signature");
        int pos = 8, width = 0, height = 0, depth = 0, colorType = -1;
        var chunks = new List<string>();
        using var idat = new MemoryStream();
        while (pos < png.Length)
        {
            int length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos)));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.Equal(BitwiseCrc(png.AsSpan(pos + 4, 4 + length)), crc);
            chunks.Add(type);
            switch (type)
            {
                case "IHDR":
                    Assert.Equal(13, length);
                    width = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
                    height = (int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
                    depth = data[8];
                    colorType = data[9];
                    Assert.Equal(0, data[10]);
                    Assert.Equal(0, data[11]);
                    Assert.Equal(0, data[12]);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }
            pos += 12 + length;
        }
        Assert.Equal(png.Length, pos);
        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);
        Assert.Contains("IDAT", chunks);

        int channels = colorType == 2 ? 3 : 1, bpp = channels * depth / 8, stride = width * bpp;
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        z.CopyTo(inflated);
        var raw = inflated.ToArray();
        Assert.Equal((long)height * (stride + 1), raw.Length);

        var samples = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            Assert.InRange(filter, 0, 4);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? samples[y * stride + i - bpp] : 0;
                int b = y > 0 ? samples[(y - 1) * stride + i] : 0;
                int c = i >= bpp && y > 0 ? samples[(y - 1) * stride + i - bpp] : 0;
                int predictor = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, _ => Paeth(a, b, c) };
                samples[y * stride + i] = (byte)(raw[y * (stride + 1) + 1 + i] + predictor);
            }
        }
        return new DecodedPng(width, height, depth, colorType, samples, chunks);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }
}
