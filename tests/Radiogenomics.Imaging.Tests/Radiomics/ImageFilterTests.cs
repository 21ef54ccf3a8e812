using System.Globalization;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics.Filters;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Radiomics;

/// <summary>
/// Every filter against golden/filters/filters_golden.csv (make_filters_golden.py: pywt.swtn as PyRadiomics calls it,
/// scipy.ndimage Gaussian derivatives, numpy central differences, PyRadiomics' voxel-wise formulas) on a 7×6×5 image
/// with spacing 0.8×0.9×1.5 mm and odd sizes. Results are stored as float32, so the tolerance is 1e-6 of the
/// largest |value| of each reference image (float32 keeps ≈ 6e-8 relative).
/// </summary>
public class ImageFilterTests
{
    private static readonly Lazy<(ImageVolume Image, Dictionary<string, double[]> Columns)> Golden = new(Load);

    private static (ImageVolume, Dictionary<string, double[]>) Load()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "golden", "filters", "filters_golden.csv"));
        var head = lines[0].Split(',');
        double P(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        var geometry = new VolumeGeometry
        {
            ColumnSpacing = P(head[1]), RowSpacing = P(head[2]), SliceSpacing = P(head[3]),
            Columns = int.Parse(head[5], CultureInfo.InvariantCulture), Rows = int.Parse(head[6], CultureInfo.InvariantCulture), Slices = int.Parse(head[7], CultureInfo.InvariantCulture),
        };
        var names = lines[1].Split(',');
        var rows = lines.Skip(2).Select(l => l.Split(',').Select(P).ToArray()).ToArray();
        var columns = names.Select((n, c) => (n, rows.Select(r => r[c]).ToArray())).ToDictionary(t => t.n, t => t.Item2);
        return (new ImageVolume(geometry, columns["input"].Select(v => (float)v).ToArray(), "golden"), columns);
    }

    private static void AssertClose(double[] expected, ImageVolume actual, string what)
    {
        double scale = expected.Max(Math.Abs), worst = 0;
        for (int v = 0; v < expected.Length; v++) worst = Math.Max(worst, Math.Abs(actual.Voxels[v] - expected[v]));
        Assert.True(worst <= 1e-6 * scale, $"{what}: largest difference {worst:G3} > {1e-6 * scale:G3} (1e-6 of {scale:G4})");
    }

    [Theory]
    [InlineData("coif1")]
    [InlineData("haar")]
    public void Wavelet_AllEightCombinations_MatchPywtSwtnWithPyRadiomicsPadding(string wavelet)
    {
        var (image, columns) = Golden.Value;
        var bands = UndecimatedWavelet.Decompose(image, wavelet);
        Assert.Equal(["LLH", "LHL", "LHH", "HLL", "HLH", "HHL", "HHH", "LLL"], bands.Select(b => b.Combination));
        foreach (var (combination, band) in bands) AssertClose(columns[$"wavelet-{wavelet}-{combination}"], band, $"{wavelet} {combination}");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void LaplacianOfGaussian_MatchesScipyGaussianDerivatives_InMm_ScaleNormalised(double sigma)
    {
        var (image, columns) = Golden.Value;
        AssertClose(columns[$"log-sigma-{sigma.ToString("0.0", CultureInfo.InvariantCulture)}"], LaplacianOfGaussian.Apply(image, sigma), $"LoG σ={sigma}");
    }

    [Fact]
    public void GradientAndVoxelWiseTypes_MatchTheirReferences()
    {
        var (image, columns) = Golden.Value;
        AssertClose(columns["gradient"], GradientMagnitude.Apply(image), "gradient");
        AssertClose(columns["square"], IntensityTransforms.Square(image), "square");
        AssertClose(columns["squareroot"], IntensityTransforms.SquareRoot(image), "squareroot");
        AssertClose(columns["logarithm"], IntensityTransforms.Logarithm(image), "logarithm");
        AssertClose(columns["exponential"], IntensityTransforms.Exponential(image), "exponential");
    }

    [Fact]
    public void Wavelet_LowPassOfAConstant_IsTwiceIt_AndEveryDetailIsZero()
    {
        // Σh = √2 per axis: the 3-D approximation of a constant c is 2√2·c, the details vanish.
        var g = new VolumeGeometry { Columns = 5, Rows = 4, Slices = 3, ColumnSpacing = 1, RowSpacing = 1, SliceSpacing = 1 };
        var image = new ImageVolume(g, Enumerable.Repeat(10f, g.VoxelCount).ToArray());
        foreach (var (c, band) in UndecimatedWavelet.Decompose(image, "coif1"))
            Assert.All(band.Voxels, v => Assert.Equal(c == "LLL" ? 20 * Math.Sqrt(2) : 0, v, 4));
        Assert.Throws<ArgumentException>(() => UndecimatedWavelet.Decompose(image, "db4"));
    }
}
