namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// The per-tree generator of <see cref="RandomForestClassifier"/>: a (seed, stream) pair always gives the same draws, and
/// the streams of neighbouring trees and seeds behave as independent uniforms — what the forest needs for its trees to
/// be independent given the data. Bounds are 4.5 standard errors (the draws are fixed, so a check that passes always passes).
/// </summary>
public class TreeRandomTests
{
    private static double[] Draws(int seed, int stream, int count)
    {
        var r = new TreeRandom(seed, stream);
        return Enumerable.Range(0, count).Select(_ => r.NextDouble()).ToArray();
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb); }
        return sab / Math.Sqrt(saa * sbb);
    }

    [Fact]
    public void ASeedAndStreamGiveTheSameDrawsAndOthersDiffer()
    {
        Assert.Equal(Draws(5, 3, 100), Draws(5, 3, 100));
        Assert.NotEqual(Draws(5, 3, 100), Draws(5, 4, 100));
        Assert.NotEqual(Draws(5, 3, 100), Draws(6, 3, 100));
        Assert.All(Draws(1, -1, 10000), u => Assert.InRange(u, 0, 1 - 1e-17));
    }

    [Fact]
    public void NeighbouringStreamsAreUncorrelatedUniforms()
    {
        const int n = 20000;
        double bound = 4.5 / Math.Sqrt(n);
        foreach (var (s1, t1, s2, t2) in new[] { (1, 0, 1, 1), (1, 7, 1, 8), (1, 0, 2, 0), (2023, 499, 2024, 499), (1, -1, 1, 0) })
        {
            var a = Draws(s1, t1, n);
            var b = Draws(s2, t2, n);
            Assert.True(Math.Abs(Correlation(a, b)) < bound, $"streams ({s1},{t1}) and ({s2},{t2}) correlate at {Correlation(a, b):0.0000}");
            Assert.InRange(a.Average(), 0.5 - 4.5 * Math.Sqrt(1.0 / 12 / n), 0.5 + 4.5 * Math.Sqrt(1.0 / 12 / n));
            // consecutive draws within a stream
            Assert.True(Math.Abs(Correlation(a[..^1], a[1..])) < bound, $"stream ({s1},{t1}) lag-1 correlation {Correlation(a[..^1], a[1..]):0.0000}");
        }

        // The k-th draw across consecutive trees (each tree's first bootstrap draws): uniform and uncorrelated tree to tree.
        const int trees = 20000;
        for (int k = 0; k < 3; k++)
        {
            var first = Enumerable.Range(0, trees).Select(t => Draws(9, t, k + 1)[k]).ToArray();
            Assert.True(Math.Abs(Correlation(first[..^1], first[1..])) < 4.5 / Math.Sqrt(trees), $"draw {k + 1} of neighbouring trees correlates");
            var bins = new int[20];
            foreach (double u in first) bins[(int)(u * 20)]++;
            double chi2 = bins.Sum(c => (c - trees / 20.0) * (c - trees / 20.0) / (trees / 20.0));
            Assert.True(chi2 < 45, $"draw {k + 1} across trees: χ² {chi2:0.0} on 19 df"); // P(χ²₁₉ > 45) ≈ 7e-4
        }
    }
}
