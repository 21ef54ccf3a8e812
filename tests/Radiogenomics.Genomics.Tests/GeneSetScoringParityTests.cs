namespace Radiogenomics.Genomics.Tests;

/// <summary>
/// Parity with GSVA 1.46.0 (Debian r-bioc-gsva) on golden/gsva: 1,200 genes × 24 samples with ties, constant genes and a
/// duplicated row name; 15 gene sets of 1–250 members, with absent genes, a set with no gene present, a repeated member.
/// </summary>
public class GeneSetScoringParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-6;
    private static readonly Lazy<ExpressionMatrix> Expr = new(() => Golden.Matrix("gsva/expr.csv"));
    private static readonly Lazy<ExpressionMatrix> Counts = new(() => Golden.Matrix("gsva/counts.csv"));
    private static readonly Lazy<IReadOnlyList<GeneSet>> Sets = new(LoadSets);

    private static IReadOnlyList<GeneSet> LoadSets()
    {
        var (_, rows) = Golden.Read("gsva/genesets.csv");
        return rows.GroupBy(r => r[0]).Select(g => new GeneSet(g.Key, g.Select(r => r[1]).ToArray())).ToArray();
    }

    [Fact]
    public void SsgseaDefaultMatchesGsva() =>
        Compare("gsva/ssgsea_default.csv", Ssgsea.Score(Expr.Value, Sets.Value));

    [Fact]
    public void SsgseaUnnormalisedWithSizeFilterMatchesGsva() =>
        Compare("gsva/ssgsea_raw_min5_max200.csv",
            Ssgsea.Score(Expr.Value, Sets.Value, new SsgseaOptions { Normalize = false, MinSize = 5, MaxSize = 200 }));

    [Fact]
    public void SsgseaSingleSampleMatchesGsva() =>
        Compare("gsva/ssgsea_single_sample.csv", Ssgsea.Score(Expr.Value.SelectSamples([0]), Sets.Value));

    [Fact]
    public void GsvaGaussianMatchesGsva() =>
        Compare("gsva/gsva_gaussian.csv", Gsva.Score(Expr.Value, Sets.Value, new GsvaOptions { MinSize = 2, MaxSize = 200 }));

    [Fact]
    public void GsvaGaussianMaxDeviationMatchesGsva() =>
        Compare("gsva/gsva_gaussian_maxdev.csv", Gsva.Score(Expr.Value, Sets.Value, new GsvaOptions { MaxDiff = false }));

    [Fact]
    public void GsvaGaussianAbsoluteRankingMatchesGsva() =>
        Compare("gsva/gsva_gaussian_absrank.csv", Gsva.Score(Expr.Value, Sets.Value, new GsvaOptions { AbsoluteRanking = true, MinSize = 2 }));

    [Fact]
    public void GsvaPoissonMatchesGsva() =>
        Compare("gsva/gsva_poisson.csv", Gsva.Score(Counts.Value, Sets.Value, new GsvaOptions { Kernel = GsvaKernel.Poisson, MinSize = 2 }));

    [Fact]
    public void GsvaEcdfMatchesGsva() =>
        Compare("gsva/gsva_ecdf.csv", Gsva.Score(Expr.Value, Sets.Value, new GsvaOptions { Kernel = GsvaKernel.None, MinSize = 2 }));

    [Fact]
    public void ZScoreMatchesGsva() =>
        Compare("gsva/zscore.csv", CombinedZScore.Score(Expr.Value, Sets.Value, minSize: 2));

    [Fact]
    public void PlageMatchesGsvaUpToSign() =>
        Compare("gsva/plage.csv", Plage.Score(Expr.Value, Sets.Value, minSize: 2), upToSign: true);

    private void Compare(string file, GeneSetScores actual, bool upToSign = false)
    {
        var expected = Golden.Matrix(file);
        Assert.Equal(expected.Samples, actual.Samples);
        // GSVA's output holds exactly the sets it scored; here every input set has a row and the others are NaN with a reason.
        Assert.Equal(expected.Genes, actual.Sets.Where(s => s.Scored).Select(s => s.Name));
        foreach (var unscored in actual.Sets.Where(s => !s.Scored))
        {
            Assert.False(string.IsNullOrEmpty(unscored.Reason));
            Assert.True(double.IsNaN(actual[actual.IndexOf(unscored.Name), 0]));
        }
        var report = new ParityReport(file);
        for (int s = 0; s < expected.GeneCount; s++)
        {
            int row = actual.IndexOf(expected.Genes[s]);
            double sign = 1;
            if (upToSign)
            {
                double dot = 0;
                for (int j = 0; j < expected.SampleCount; j++) dot += expected[s, j] * actual[row, j];
                sign = dot < 0 ? -1 : 1;
            }
            for (int j = 0; j < expected.SampleCount; j++)
                report.Add(expected[s, j], sign * actual[row, j], $"{expected.Genes[s]}/{expected.Samples[j]}");
        }
        report.AssertWithin(Tolerance, output);
    }
}
