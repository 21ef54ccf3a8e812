namespace Radiogenomics.Genomics.Tests;

/// <summary>
/// Values that genefu's own tables fix, for the per-sample signatures (/work/shared/genefu holds the signature tables but no
/// example expression data or expected scores, so genefu's documented examples on its nkis/vdxs data cannot be rerun here;
/// the cohort signatures are checked against the independent R re-implementation in <see cref="GenefuParityTests"/>):
/// a sample whose expression is GENE70's average good-prognosis profile scores −1 (score = −Spearman), its mirror image
/// +1; a sample whose expression is PIK3CA-GS's ±1 coefficients scores 1, its mirror image −1.
/// </summary>
public class GenefuTableAnchorTests
{
    [Fact]
    public void Gene70OfItsOwnGoodPrognosisProfileIsMinusOne()
    {
        var probes = GenefuTables.Default.Gene70.Where(p => p.EntrezId is not null).GroupBy(p => p.EntrezId).Select(g => g.First()).ToArray();
        var values = new double[probes.Length, 2];
        for (int i = 0; i < probes.Length; i++) { values[i, 0] = probes[i].GoodPrognosisProfile; values[i, 1] = -probes[i].GoodPrognosisProfile; }
        var cohort = new SignatureCohort(new ExpressionMatrix(probes.Select(p => p.Probe).ToArray(), ["good", "mirror"], values), probes.Select(p => p.EntrezId).ToArray());
        var result = GenefuSignatures.Gene70(cohort);
        Assert.Equal(probes.Length, result.GenesMapped);
        Assert.Equal(-1, result.Scores[0], 12);
        Assert.Equal(1, result.Scores[1], 12);
    }

    [Fact]
    public void Pik3caGsOfItsOwnCoefficientsIsOne()
    {
        var genes = GenefuTables.Default.Pik3caGs.Where(g => g.EntrezId is not null).GroupBy(g => g.EntrezId).Select(g => g.First()).ToArray();
        var values = new double[genes.Length, 2];
        for (int i = 0; i < genes.Length; i++) { values[i, 0] = genes[i].Coefficient; values[i, 1] = -genes[i].Coefficient; }
        var cohort = new SignatureCohort(new ExpressionMatrix(genes.Select(g => g.Probe).ToArray(), ["same", "mirror"], values), genes.Select(g => g.EntrezId).ToArray());
        var result = GenefuSignatures.Pik3caGs(cohort);
        Assert.Equal(genes.Length, result.GenesMapped);
        Assert.Equal(1, result.Scores[0], 12);
        Assert.Equal(-1, result.Scores[1], 12);
    }
}
