namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// Exact t-SNE against Rtsne 0.16 (theta = 0; golden/make_tsne_golden.R, versions_tsne.txt) on iris (149 × 4, PCA keeps
/// all 4 components, perplexity 30), a simulated 130 × 70 matrix (PCA to 50, perplexity 20) and a simulated 95 × 120
/// one (more features than points: PCA through the points' Gram matrix; perplexity 25), all from a given
/// Y_init with stop_lying_iter = mom_switch_iter = 250 (Rtsne's defaults when it draws the start itself). Without PCA the
/// embedding is compared over all 1000 iterations (it agrees to the bit); with PCA over 10, because the SVD's last-bit
/// differences grow about tenfold every few iterations of early exaggeration, as any two t-SNE codes' would.
/// </summary>
public class TsneTests
{
    /// <summary>Stated tolerances: betas and entropies 1e-10 (relative), embedding 1e-6 (absolute, coordinates span ~±30).</summary>
    private const double CalibrationTolerance = 1e-10, EmbeddingTolerance = 1e-6;

    private static double[][] Matrix(string file)
    {
        var rows = Golden.Read(file);
        var columns = rows[0].Keys.ToArray();
        return rows.Select(r => columns.Select(c => Golden.Number(r[c])).ToArray()).ToArray();
    }

    [Theory]
    [InlineData("iris", 30)]
    [InlineData("sim", 20)]
    [InlineData("wide", 25)]
    public void PerplexityCalibrationMatchesRtsne(string data, double perplexity)
    {
        var options = new TsneOptions { Perplexity = perplexity };
        var affinities = Tsne.Calibrate(Tsne.Prepare(Matrix($"tsne_data_{data}.csv"), options), perplexity);
        var expected = Golden.Read($"tsne_betas_{data}.csv");
        Assert.Equal(expected.Count, affinities.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            double beta = Golden.Number(expected[i]["beta"]);
            Assert.True(Math.Abs(affinities.Betas[i] - beta) <= CalibrationTolerance * beta, $"point {i + 1}: beta {affinities.Betas[i]:R}, R {beta:R}");
            Assert.Equal(int.Parse(expected[i]["steps"]), affinities.Steps[i]);
            double h = Golden.Number(expected[i]["entropy"]);
            Assert.True(Math.Abs(affinities.Entropy(i) - h) <= CalibrationTolerance * h, $"point {i + 1}: entropy {affinities.Entropy(i):R}, R {h:R}");
            Assert.True(Math.Abs(affinities.Entropy(i) - Math.Log(perplexity)) < 1e-5, $"point {i + 1} is not calibrated");
        }
    }

    [Theory]
    [InlineData("iris", 30)]
    [InlineData("sim", 20)]
    [InlineData("wide", 25)]
    public void PreparedDataMatchPrcompAndNormalizeInput(string data, double perplexity)
    {
        // prcomp's signs are LAPACK's; t-SNE sees only distances, so columns are compared up to sign.
        var prepared = Tsne.Prepare(Matrix($"tsne_data_{data}.csv"), new TsneOptions { Perplexity = perplexity });
        var expected = Matrix($"tsne_prepared_{data}.csv");
        Assert.Equal(expected[0].Length, prepared[0].Length);
        for (int c = 0; c < expected[0].Length; c++)
        {
            double sign = Math.Sign(Enumerable.Range(0, expected.Length).Sum(i => expected[i][c] * prepared[i][c]));
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(sign * prepared[i][c] - expected[i][c]) <= 1e-10, $"point {i + 1}, component {c + 1}: {prepared[i][c]:R} vs R {expected[i][c]:R}");
        }
    }

    [Theory]
    [InlineData("iris", 30, false, 1)]
    [InlineData("iris", 30, false, 100)]
    [InlineData("iris", 30, false, 300)]
    [InlineData("iris", 30, false, 1000)]
    [InlineData("iris", 30, true, 1)]
    [InlineData("iris", 30, true, 10)]
    [InlineData("sim", 20, false, 1)]
    [InlineData("sim", 20, false, 100)]
    [InlineData("sim", 20, false, 300)]
    [InlineData("sim", 20, false, 1000)]
    [InlineData("sim", 20, true, 1)]
    [InlineData("sim", 20, true, 10)]
    [InlineData("wide", 25, false, 1000)]
    [InlineData("wide", 25, true, 1)]
    [InlineData("wide", 25, true, 10)]
    public void EmbeddingFromAGivenStartMatchesRtsne(string data, double perplexity, bool pca, int iterations)
    {
        var start = Matrix($"tsne_init_{data}.csv");
        var options = new TsneOptions { Perplexity = perplexity, MaxIterations = iterations, Pca = pca };
        var result = Tsne.Embed(Matrix($"tsne_data_{data}.csv"), options, start);
        var expected = Golden.Read($"tsne_embedding_{data}.csv")
            .Where(r => r["iterations"] == iterations.ToString() && r["pca"] == (pca ? "TRUE" : "FALSE")).ToList();
        Assert.Equal(expected.Count, result.Embedding.Count);
        double worst = 0, worstCost = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            worst = Math.Max(worst, Math.Abs(result.Embedding[i][0] - Golden.Number(expected[i]["x"])));
            worst = Math.Max(worst, Math.Abs(result.Embedding[i][1] - Golden.Number(expected[i]["y"])));
            worstCost = Math.Max(worstCost, Math.Abs(result.Costs[i] - Golden.Number(expected[i]["cost"])));
        }
        Assert.True(worst <= EmbeddingTolerance, $"{data}, pca {pca}, {iterations} iterations: largest coordinate gap {worst:E2}");
        Assert.True(worstCost <= EmbeddingTolerance, $"{data}, pca {pca}, {iterations} iterations: largest cost gap {worstCost:E2}");
    }

    [Fact]
    public void SeededStartIsDeterministicAndSeparatesClusters()
    {
        // Two well separated groups of 40 points in 10 dimensions: every point's nearest map neighbour is in its group.
        var random = new Random(7);
        var data = Enumerable.Range(0, 80).Select(i => Enumerable.Range(0, 10).Select(_ => random.NextDouble() + (i < 40 ? 0 : 5)).ToArray()).ToArray();
        var options = new TsneOptions { Perplexity = 10, MaxIterations = 400, Seed = 3 };
        var a = Tsne.Embed(data, options);
        var b = Tsne.Embed(data, options);
        for (int i = 0; i < 80; i++) Assert.Equal(a.Embedding[i], b.Embedding[i]);
        var c = Tsne.Embed(data, options with { Seed = 4 });
        Assert.NotEqual(a.Embedding[0], c.Embedding[0]);
        for (int i = 0; i < 80; i++)
        {
            int nearest = Enumerable.Range(0, 80).Where(j => j != i)
                .MinBy(j => Math.Pow(a.Embedding[i][0] - a.Embedding[j][0], 2) + Math.Pow(a.Embedding[i][1] - a.Embedding[j][1], 2));
            Assert.Equal(i < 40, nearest < 40);
        }
    }

    [Fact]
    public void TooLargeAPerplexityNamesTheLimit()
    {
        var data = Enumerable.Range(0, 20).Select(i => new[] { i * 1.0, i * i * 0.5 }).ToArray();
        var error = Assert.Throws<ArgumentException>(() => Tsne.Embed(data, new TsneOptions { Perplexity = 30 }));
        Assert.Contains("at most 6.33", error.Message);
    }
}
