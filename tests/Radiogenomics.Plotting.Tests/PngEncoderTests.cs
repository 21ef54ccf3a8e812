namespace Radiogenomics.Plotting.Tests;

public class PngEncoderTests
{
    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute(ReadOnlySpan<byte>.Empty));
        var random = new byte[1000];
        for (int i = 0; i < random.Length; i++) random[i] = (byte)(i * 37 + i / 7);
        Assert.Equal(DecodedPng.BitwiseCrc(random), Crc32.Compute(random));
    }

    public static TheoryData<PngFilterMode> Filters => [PngFilterMode.None, PngFilterMode.Adaptive];

    [Theory]
    [MemberData(nameof(Filters))]
    public void Rgb8_round_trips_through_an_independent_decoder(PngFilterMode filter)
    {
        var rng = new TestRandom(11);
        var img = new RgbImage(37, 23);
        for (int y = 0; y < img.Height; y++)
            for (int x = 0; x < img.Width; x++)
                img.SetPixel(x, y, (x + y) % 3 == 0
                    ? new Rgb((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256))
                    : new Rgb((byte)(x * 7), (byte)(y * 11), (byte)(x ^ y))); // smooth parts exercise every filter

        var decoded = DecodedPng.Read(PngEncoder.Encode(img, filter));

        Assert.Equal((37, 23, 8, 2), (decoded.Width, decoded.Height, decoded.BitDepth, decoded.ColorType));
        Assert.Equal(img.Pixels, decoded.Samples);
        Assert.Equal(["IHDR", "IDAT", "IEND"], decoded.Chunks);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void Grey8_and_grey16_round_trip(PngFilterMode filter)
    {
        var rng = new TestRandom(12);
        var grey = new byte[19 * 13];
        for (int i = 0; i < grey.Length; i++) grey[i] = (byte)(i % 5 == 0 ? rng.Next(256) : i);
        var g8 = DecodedPng.Read(PngEncoder.EncodeGrey8(19, 13, grey, filter));
        Assert.Equal((19, 13, 8, 0), (g8.Width, g8.Height, g8.BitDepth, g8.ColorType));
        Assert.Equal(grey, g8.Samples);

        var wide = new ushort[19 * 13];
        for (int i = 0; i < wide.Length; i++) wide[i] = (ushort)(i % 3 == 0 ? rng.Next(65536) : i * 300);
        var g16 = DecodedPng.Read(PngEncoder.EncodeGrey16(19, 13, wide, filter));
        Assert.Equal((16, 0), (g16.BitDepth, g16.ColorType));
        for (int i = 0; i < wide.Length; i++)
            Assert.Equal(wide[i], (ushort)(g16.Samples[2 * i] << 8 | g16.Samples[2 * i + 1])); // big-endian
    }

    [Fact]
    public void Large_images_split_IDAT_and_still_decode()
    {
        var rng = new TestRandom(13);
        var img = new RgbImage(800, 700);
        for (int i = 0; i < img.Pixels.Length; i++) img.Pixels[i] = (byte)rng.Next(256); // incompressible
        var decoded = DecodedPng.Read(img.ToPng());
        Assert.True(decoded.Chunks.Count(c => c == "IDAT") > 1);
        Assert.Equal(img.Pixels, decoded.Samples);
    }

    [Fact]
    public void Identical_images_give_identical_bytes()
    {
        Assert.Equal(ExampleFigures.Heatmap().Render().ToPng(), ExampleFigures.Heatmap().Render().ToPng());
        Assert.Equal(ExampleFigures.Survival().Render().ToPng(), ExampleFigures.Survival().Render().ToPng());
    }

    [Fact]
    public void Save_writes_atomically_and_overwrites()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rg-plotting-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(dir, "sub", "figure.png");
            var first = new RgbImage(4, 4, Rgb.Black);
            first.SavePng(path);
            Assert.Equal(first.Pixels, DecodedPng.Read(File.ReadAllBytes(path)).Samples);

            var second = new RgbImage(5, 3, Rgb.FromHex("#336699"));
            second.SavePng(path);
            var back = DecodedPng.Read(File.ReadAllBytes(path));
            Assert.Equal((5, 3), (back.Width, back.Height));
            Assert.Equal(["figure.png"], Directory.GetFiles(Path.Combine(dir, "sub")).Select(Path.GetFileName)); // no temp files left
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Bad_sizes_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.EncodeGrey8(0, 1, []));
        Assert.Throws<ArgumentException>(() => PngEncoder.EncodeRgb8(2, 2, new byte[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(0, 5));
    }
}
