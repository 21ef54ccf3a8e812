using Xunit;

namespace Radiogenomics.Statistics.Tests;

public class QuantileNormalizationTests
{
    [Fact]
    public void MatchesTheSeedRuleOnAHandWorkedExampleWithTies()
    {
        // Two images × three features. Sorted rows: [1,2,3] and [4,4,6] → reference = [2.5, 3, 4.5].
        double[] x = [3, 1, 2, 4, 6, 4];
        QuantileNormalization.NormalizeRows(x, rows: 2, columns: 3);
        // Image 1: 3→rank 2, 1→rank 0, 2→rank 1. Image 2: the tied 4s share their minimum rank 0; 6→rank 2.
        Assert.Equal([4.5, 2.5, 3, 2.5, 4.5, 2.5], x);
    }

    [Fact]
    public void WithoutTiesEveryRowBecomesAPermutationOfTheReference()
    {
        var rng = new Random(7);
        int rows = 20, cols = 50;
        var x = Enumerable.Range(0, rows * cols).Select(_ => rng.NextDouble() * 100).ToArray();
        var reference = new double[cols];
        for (int i = 0; i < rows; i++)
        {
            var sorted = x.Skip(i * cols).Take(cols).Order().ToArray();
            for (int r = 0; r < cols; r++) reference[r] += sorted[r];
        }
        for (int r = 0; r < cols; r++) reference[r] /= rows; // same summation order as the implementation: exact equality
        var original = (double[])x.Clone();
        QuantileNormalization.NormalizeRows(x, rows, cols);
        for (int i = 0; i < rows; i++)
        {
            Assert.Equal(reference.Order(), x.Skip(i * cols).Take(cols).Order());
            // Order within a row is preserved.
            var before = Enumerable.Range(0, cols).OrderBy(j => original[i * cols + j]).ToArray();
            var after = Enumerable.Range(0, cols).OrderBy(j => x[i * cols + j]).ToArray();
            Assert.Equal(before, after);
        }
    }

    [Fact]
    public void PreprocessCoreVariantMatchesNormalizeQuantilesExactly()
    {
        // golden/make_quantile_golden.R: preprocessCore 1.60.2 on 12 images × 40 integer features (many ties).
        string dir = Golden.Directory;
        double[][] Read(string file) => File.ReadAllLines(Path.Combine(dir, file))
            .Select(l => l.Split(',').Select(v => double.Parse(v.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var input = Read("quantile_input.csv");
        var expected = Read("quantile_preprocesscore.csv");
        int rows = input.Length, cols = input[0].Length;
        var x = input.SelectMany(r => r).ToArray();
        QuantileNormalization.NormalizeRowsPreprocessCore(x, rows, cols);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                Assert.Equal(expected[i][j], x[i * cols + j], 1e-12);

        // The seed rule differs exactly where there are ties.
        var seed = input.SelectMany(r => r).ToArray();
        QuantileNormalization.NormalizeRows(seed, rows, cols);
        Assert.NotEqual(x, seed);
    }
}
