namespace Radiogenomics.Synthetic.Tests;

public class RandomTests
{
    [Fact]
    public void XoshiroMatchesTheReferenceImplementation()
    {
        // Published xoshiro256** outputs for state {1, 2, 3, 4}.
        var core = XoshiroCore.FromState(1, 2, 3, 4);
        Assert.Equal(11520UL, core.Next());
        Assert.Equal(0UL, core.Next());
        Assert.Equal(1509978240UL, core.Next());
        Assert.Equal(1215971899390074240UL, core.Next());
    }

    [Fact]
    public void SplitMixSeedingIsPinned()
    {
        // From an independent Python implementation of SplitMix64 seeding + xoshiro256** (seed 42).
        var rng = new Xoshiro256StarStar(42);
        Assert.Equal(0x15780b2e0c2ec716UL, rng.NextUInt64());
        Assert.Equal(0x6104d9866d113a7eUL, rng.NextUInt64());
        Assert.Equal(0xae17533239e499a1UL, rng.NextUInt64());
        Assert.Equal(0xecb8ad4703b360a1UL, rng.NextUInt64());
    }

    [Fact]
    public void StreamsDependOnEveryKey()
    {
        ulong a = Xoshiro256StarStar.ForStream(7, 1, 2).NextUInt64();
        Assert.Equal(a, Xoshiro256StarStar.ForStream(7, 1, 2).NextUInt64());
        Assert.NotEqual(a, Xoshiro256StarStar.ForStream(7, 2, 1).NextUInt64());
        Assert.NotEqual(a, Xoshiro256StarStar.ForStream(8, 1, 2).NextUInt64());
        Assert.NotEqual(a, Xoshiro256StarStar.ForStream(7, 1, 2, 0).NextUInt64());
    }

    [Fact]
    public void NextIntIsUniformAndInRange()
    {
        var rng = new Xoshiro256StarStar(3);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[rng.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Theory]
    [InlineData(50.0, 0.2)]
    [InlineData(0.5, 2.0)]
    [InlineData(3.0, 0.05)]
    [InlineData(1.0e5, 0.1)]
    [InlineData(2000.0, 0.0)]
    public void NegativeBinomialHasTheRequestedMeanAndVariance(double mean, double dispersion)
    {
        var rng = new Xoshiro256StarStar(11);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            double x = rng.NegativeBinomial(mean, dispersion);
            sum += x;
            sumSq += x * x;
        }
        double m = sum / n, v = sumSq / n - m * m;
        double expectedVariance = mean + dispersion * mean * mean;
        Assert.InRange(m, mean * 0.99 - 0.01, mean * 1.01 + 0.01);
        Assert.InRange(v, expectedVariance * 0.95, expectedVariance * 1.05);
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(30.0)]
    [InlineData(5000.0)]
    public void PoissonMeanEqualsVariance(double lambda)
    {
        var rng = new Xoshiro256StarStar(5);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) { double x = rng.Poisson(lambda); sum += x; sumSq += x * x; }
        double m = sum / n, v = sumSq / n - m * m;
        Assert.InRange(m, lambda * 0.99, lambda * 1.01);
        Assert.InRange(v, lambda * 0.96, lambda * 1.04);
    }

    [Fact]
    public void GaussianTableIsStandardNormal()
    {
        var t = GaussianTable.Values;
        double mean = t.Average(x => (double)x), variance = t.Average(x => (double)x * x) - mean * mean;
        Assert.InRange(mean, -1e-6, 1e-6);
        Assert.InRange(variance, 0.995, 1.0);
        Assert.InRange(t[GaussianTable.Size / 2 + (int)(0.3413 * GaussianTable.Size)], 0.99, 1.01); // Φ⁻¹(0.8413) ≈ 1
    }

    [Fact]
    public void LogFactorialMatchesTheTableAcrossTheSeam()
    {
        double exact = 0;
        for (int k = 1; k <= 300; k++) exact += Math.Log(k);
        Assert.Equal(exact, RandomVariates.LogFactorial(300), 9);
        Assert.Equal(RandomVariates.LogFactorial(255) + Math.Log(256), RandomVariates.LogFactorial(256), 9);
    }
}
