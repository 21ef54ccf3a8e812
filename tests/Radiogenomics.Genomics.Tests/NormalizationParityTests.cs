namespace Radiogenomics.Genomics.Tests;

/// <summary>Parity with the base-R textbook definitions in golden/normalization (400 genes × 10 samples of NB counts).</summary>
public class NormalizationParityTests(ITestOutputHelper output)
{
    private const double RelativeTolerance = 1e-12;
    private static readonly Lazy<ExpressionMatrix> Counts = new(() => Golden.Matrix("normalization/counts.csv"));
    private static readonly Lazy<(double[] Lengths, bool[] ProteinCoding)> Genes = new(() =>
    {
        var rows = Golden.Records("normalization/genes.csv");
        return (rows.Select(r => Golden.Number(r["length"])).ToArray(), rows.Select(r => r["protein_coding"] == "true").ToArray());
    });

    [Fact]
    public void CpmMatchesR() => Compare("cpm", ExpressionNormalization.Cpm(Counts.Value));

    [Fact]
    public void TpmMatchesR() => Compare("tpm", ExpressionNormalization.Tpm(Counts.Value, Genes.Value.Lengths));

    [Fact]
    public void FpkmMatchesR() => Compare("fpkm", ExpressionNormalization.Fpkm(Counts.Value, Genes.Value.Lengths));

    [Fact]
    public void FpkmWithProteinCodingLibrarySizeMatchesR() =>
        Compare("fpkm_pc", ExpressionNormalization.Fpkm(Counts.Value, Genes.Value.Lengths, Genes.Value.ProteinCoding));

    [Fact]
    public void FpkmUqMatchesR() =>
        Compare("fpkm_uq", ExpressionNormalization.FpkmUq(Counts.Value, Genes.Value.Lengths, Genes.Value.ProteinCoding));

    [Fact]
    public void Log2FpkmUqMatchesR() =>
        Compare("log2_fpkm_uq", ExpressionNormalization.Log2PlusOne(
            ExpressionNormalization.FpkmUq(Counts.Value, Genes.Value.Lengths, Genes.Value.ProteinCoding)));

    [Fact]
    public void LibrarySizesAndUpperQuartilesMatchR()
    {
        var rows = Golden.Records("normalization/library.csv");
        var lib = ExpressionNormalization.LibrarySizes(Counts.Value);
        var libPc = ExpressionNormalization.LibrarySizes(Counts.Value, Genes.Value.ProteinCoding);
        var uq = ExpressionNormalization.UpperQuartiles(Counts.Value, Genes.Value.ProteinCoding);
        for (int j = 0; j < rows.Count; j++)
        {
            Assert.Equal(Golden.Number(rows[j]["library_size"]), lib[j]);
            Assert.Equal(Golden.Number(rows[j]["library_size_pc"]), libPc[j]);
            Assert.Equal(Golden.Number(rows[j]["upper_quartile_pc"]), uq[j]);
        }
    }

    [Fact]
    public void FiltersMatchR()
    {
        var rows = Golden.Records("normalization/filters.csv");
        var cpm1 = ExpressionNormalization.CpmFilter(Counts.Value, threshold: 1, minSamples: 3);
        var cpm100 = ExpressionNormalization.CpmFilter(Counts.Value, threshold: 100, minSamples: 3);
        var mean = ExpressionNormalization.MeanFilter(ExpressionNormalization.FpkmUq(Counts.Value, Genes.Value.Lengths, Genes.Value.ProteinCoding));
        Assert.Equal(rows.Select(r => r["cpm_gt1_in3"] == "TRUE"), cpm1);
        Assert.Equal(rows.Select(r => r["cpm_gt100_in3"] == "TRUE"), cpm100);
        Assert.Equal(rows.Select(r => r["fpkm_uq_mean_ge1"] == "TRUE"), mean);
        Assert.Equal(rows.Count(r => r["cpm_gt1_in3"] == "TRUE"), Counts.Value.SelectGenes(cpm1).GeneCount);
    }

    private void Compare(string name, ExpressionMatrix actual)
    {
        var expected = Golden.Matrix($"normalization/{name}.csv");
        Assert.Equal(expected.Genes, actual.Genes);
        Assert.Equal(expected.Samples, actual.Samples);
        double worst = 0;
        for (int g = 0; g < expected.GeneCount; g++)
            for (int j = 0; j < expected.SampleCount; j++)
            {
                double e = expected[g, j], a = actual[g, j];
                double rel = e == a ? 0 : Math.Abs(e - a) / Math.Max(Math.Abs(e), 1e-300);
                worst = Math.Max(worst, rel);
            }
        output.WriteLine($"{name}: max relative |Δ| = {worst:E2}");
        Assert.True(worst <= RelativeTolerance, $"{name}: max relative deviation {worst:E2}");
    }
}
