using Radiogenomics.Imaging.Preprocessing;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Preprocessing;

public class ImageResizerTests(ITestOutputHelper output)
{
    /// <summary>
    /// Vertical stripes one pixel wide (0, 1, 0, 1 ...) at 256 × 256 hold only the Nyquist frequency, which a
    /// 64 × 64 grid cannot represent: a correct resampler returns the mean (0.5) everywhere, an interpolating
    /// one without low-pass aliases it into spurious bands. Measured (256 → 64): period 2, anti-aliased max |x − mean|
    /// 0.0017 away from the two border columns (0.041 with them), seed-cubic 0.5 (the full 0 … 1 range), SD 0.35;
    /// period 3, anti-aliased 0.0016 (0.050), seed-cubic 0.67, SD 0.45.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Downsampling_StripePattern_AntiAliasedIsUniformGrey_SeedCubicAliases(int period)
    {
        const int n = 256, m = 64;
        var stripes = new float[n * n];
        for (var r = 0; r < n; r++)
        for (var c = 0; c < n; c++)
        {
            stripes[r * n + c] = c % period == 0 ? 1 : 0;
        }
        var mean = 1.0 / period;

        var smooth = ImageResizer.Resize(stripes, n, n, m, m, ResizeMethod.AntiAliased);
        var seed = ImageResizer.Resize(stripes, n, n, m, m, ResizeMethod.SeedCubic);

        // Interior columns: Lanczos' renormalised window at the border is allowed its small edge ripple.
        var smoothDeviation = Interior(smooth, m).Max(v => Math.Abs(v - mean));
        var smoothEdge = smooth.Max(v => Math.Abs(v - mean));
        var seedDeviation = seed.Max(v => Math.Abs(v - mean));
        var seedSd = Math.Sqrt(seed.Average(v => (v - mean) * (v - mean)));
        output.WriteLine($"period {period}: anti-aliased interior max |x − mean| = {smoothDeviation:0.######} (with edges {smoothEdge:0.####}); " +
                         $"seed-cubic max |x − mean| = {seedDeviation:0.####}, SD {seedSd:0.####}");
        Assert.True(smoothDeviation < 0.02, $"anti-aliased deviation {smoothDeviation}");
        Assert.True(smoothEdge < 0.1, $"anti-aliased edge deviation {smoothEdge}");
        Assert.True(seedDeviation > 0.3, $"seed-cubic deviation {seedDeviation}");
        Assert.True(seedSd > 10 * Math.Max(smoothDeviation, 1e-4), $"seed-cubic SD {seedSd}");
    }

    [Theory]
    [InlineData(ResizeMethod.AntiAliased, 40, 30)]
    [InlineData(ResizeMethod.AntiAliased, 7, 90)]
    [InlineData(ResizeMethod.SeedCubic, 40, 30)]
    [InlineData(ResizeMethod.SeedCubic, 7, 90)]
    public void ConstantImage_StaysConstant(ResizeMethod method, int newWidth, int newHeight)
    {
        var image = Enumerable.Repeat(3.5f, 20 * 15).ToArray();

        var resized = ImageResizer.Resize(image, 20, 15, newWidth, newHeight, method);

        Assert.Equal(newWidth * newHeight, resized.Length);
        Assert.All(resized, v => Assert.Equal(3.5f, v, 4));
    }

    [Theory]
    [InlineData(ResizeMethod.AntiAliased)]
    [InlineData(ResizeMethod.SeedCubic)]
    public void SameSize_IsIdentity(ResizeMethod method)
    {
        var image = Enumerable.Range(0, 12 * 9).Select(i => (float)Math.Sin(i * 0.7) * 100).ToArray();

        var resized = ImageResizer.Resize(image, 12, 9, 12, 9, method);

        for (var i = 0; i < image.Length; i++)
        {
            Assert.Equal(image[i], resized[i], 3);
        }
    }

    [Fact]
    public void AntiAliased_Downsampling_KeepsPixelAreaAlignedRamp()
    {
        // x = column index; output pixel o covers input [4o, 4o + 4): its centre is 4o + 1.5.
        var ramp = new float[64 * 4];
        for (var r = 0; r < 4; r++)
        for (var c = 0; c < 64; c++)
        {
            ramp[r * 64 + c] = c;
        }

        var resized = ImageResizer.Resize(ramp, 64, 4, 16, 4);

        for (var o = 3; o < 13; o++)
        {
            Assert.Equal(4 * o + 1.5, resized[o], 3);
        }
    }

    [Fact]
    public void SeedCubic_IsCornerAligned_AndInterpolatesSmoothData()
    {
        var image = new float[50 * 2];
        for (var c = 0; c < 50; c++)
        {
            image[c] = image[50 + c] = (float)(c * c) / 10;
        }

        var resized = ImageResizer.Resize(image, 50, 2, 99, 2, ResizeMethod.SeedCubic);

        Assert.Equal(image[0], resized[0], 3);
        Assert.Equal(image[49], resized[98], 3);
        // Output o samples x = o / 2: a quadratic is reproduced by the cubic spline away from the mirrored ends.
        for (var o = 16; o < 80; o++)
        {
            Assert.Equal((o / 2.0) * (o / 2.0) / 10, resized[o], 2e-3);
        }
    }

    private static IEnumerable<float> Interior(float[] image, int size) =>
        Enumerable.Range(0, size * size).Where(i => i % size is >= 2 and < 62).Select(i => image[i]);
}
