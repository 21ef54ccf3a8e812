namespace Radiogenomics.Synthetic.Tests;

public class RenderingTests
{
    /// <summary>
    /// Writes the middle-slice sheet of four patients chosen to show the range (0: fatty with a large mass, 2: small mass,
    /// 5: spiculated with necrosis, 8: dense breast) to a temp folder (and, with RG_UPDATE_GOLDEN=1, over
    /// golden/middle-slices.png in the source tree, which is kept for looking at, not for byte comparison).
    /// </summary>
    [Fact]
    public void MiddleSliceSheetIsAValidPng()
    {
        var cohort = TestCohorts.Small;
        var extra = new PatientImaging[2];
        Parallel.For(0, 2, i => extra[i] = cohort.GenerateImaging(i == 0 ? 5 : 8));
        var png = SliceSheet.Render([TestCohorts.Imaging[0], TestCohorts.Imaging[2], extra[0], extra[1]]);
        var dir = Path.Combine(Path.GetTempPath(), "rg-synthetic-tests");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "middle-slices.png");
        File.WriteAllBytes(path, png);
        AssertValidPng(png, 5 * 256, 4 * 256, channels: 3);
        if (Environment.GetEnvironmentVariable("RG_UPDATE_GOLDEN") == "1")
            File.WriteAllBytes(Path.Combine(SourceDirectory(), "golden", "middle-slices.png"), png);
    }

    [Fact]
    public void ThePlottingEncodersOutputDecodesBackToThePixels()
    {
        var pixels = new byte[7 * 3];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 11);
        Assert.Equal(pixels, AssertValidPng(Plotting.PngEncoder.EncodeGrey8(7, 3, pixels), 7, 3, channels: 1));
        Assert.Equal(pixels, AssertValidPng(Plotting.PngEncoder.EncodeGrey8(7, 3, pixels, Plotting.PngFilterMode.None), 7, 3, channels: 1));
        // CRC-32 check value of "123456789".
        Assert.Equal(0xCBF43926u, Crc32("123456789"u8, 0xFFFFFFFFu) ^ 0xFFFFFFFFu);
    }

    /// <summary>Checks signature, chunk CRCs, IHDR and the zlib payload; returns the unfiltered pixels.</summary>
    private static byte[] AssertValidPng(byte[] png, int width, int height, int channels)
    {
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int pos = 8;
        var idat = new MemoryStream();
        var types = new List<string>();
        while (pos < png.Length)
        {
            int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            uint crc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos + 8 + length));
            Assert.Equal(crc, Crc32(data, Crc32(png.AsSpan(pos + 4, 4), 0xFFFFFFFFu)) ^ 0xFFFFFFFFu);
            if (type == "IHDR")
            {
                Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data));
                Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                Assert.Equal(8, data[8]);
                Assert.Equal(channels == 3 ? 2 : 0, data[9]);
            }
            if (type == "IDAT") idat.Write(data);
            types.Add(type);
            pos += 12 + length;
        }
        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        idat.Position = 0;
        using var z = new System.IO.Compression.ZLibStream(idat, System.IO.Compression.CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        int stride = width * channels;
        Assert.Equal(height * (stride + 1), bytes.Length);
        // Undo the scanline filters (PNG spec section 9: None, Sub, Up, Average, Paeth), independently of the encoder.
        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            int filter = bytes[y * (stride + 1)];
            Assert.InRange(filter, 0, 4);
            for (int x = 0; x < stride; x++)
            {
                int a = x >= channels ? pixels[y * stride + x - channels] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
                int predictor = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, _ => Paeth(a, b, c) };
                pixels[y * stride + x] = (byte)(bytes[y * (stride + 1) + 1 + x] + predictor);
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>CRC-32 (ISO-HDLC, as PNG uses it), bit by bit: running value in, running value out.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data, uint crc)
    {
        foreach (byte d in data)
        {
            crc ^= d;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc;
    }

    internal static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
