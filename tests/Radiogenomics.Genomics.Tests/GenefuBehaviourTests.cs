namespace Radiogenomics.Genomics.Tests;

/// <summary>Edge cases of the genefu signatures: missing genes, symbol mapping, cohort dependence, a single sample.</summary>
public class GenefuBehaviourTests
{
    private static SignatureCohort Subset(SignatureCohort cohort, Func<int, bool> keepRow, IReadOnlyList<int>? samples = null)
    {
        var rows = Enumerable.Range(0, cohort.Expression.GeneCount).Where(keepRow).ToArray();
        var x = cohort.Expression.SelectGenes(rows);
        if (samples is not null) x = x.SelectSamples(samples);
        return new SignatureCohort(x, rows.Select(r => cohort.EntrezIds[r]).ToArray(), rows.Select(r => cohort.Symbols[r]).ToArray());
    }

    [Fact]
    public void OncotypeDxWithAMissingGeneIsNaNForEveryoneAndReportsTheGene()
    {
        var full = GenefuParityTests.LoadCohort();
        var cohort = Subset(full, r => full.EntrezIds[r] != "2944");   // GSTM1
        var result = GenefuSignatures.OncotypeDx(cohort);
        Assert.All(result.Scores, s => Assert.True(double.IsNaN(s)));
        Assert.Contains("all 16 cancer genes", result.Reason);
        Assert.Equal(["GSTM1 (2944)"], result.MissingGenes);
        Assert.Equal(15, result.GenesMapped);
        // the per-sample PIK3CA-GS is unaffected by the gene's absence
        Assert.All(GenefuSignatures.Pik3caGs(cohort).Scores.Skip(3), s => Assert.True(double.IsFinite(s)));
    }

    [Fact]
    public void CohortDependentScoresChangeWhenTheCohortChangesAndPerSampleScoresDoNot()
    {
        var full = GenefuParityTests.LoadCohort();
        var half = Subset(full, _ => true, Enumerable.Range(0, 40).ToArray());
        var a = GenefuSignatures.All(full).ToDictionary(s => s.Signature);
        var b = GenefuSignatures.All(half).ToDictionary(s => s.Signature);
        foreach (var name in new[] { "oncotypedx", "endopredict", "rors", "genius" })
        {
            Assert.True(a[name].DependsOnCohort);
            Assert.Contains(Enumerable.Range(5, 35), j => Math.Abs(a[name].Scores[j] - b[name].Scores[j]) > 1e-9);
        }
        foreach (var name in new[] { "gene70", "pik3cags" })
        {
            Assert.False(a[name].DependsOnCohort);
            for (int j = 0; j < 40; j++) Assert.Equal(a[name].Scores[j], b[name].Scores[j], 14);
        }
    }

    [Fact]
    public void SingleSampleCohortGivesNaNWithReasonForCohortScores()
    {
        var full = GenefuParityTests.LoadCohort();
        var one = Subset(full, _ => true, [0]);
        var results = GenefuSignatures.All(one).ToDictionary(s => s.Signature);
        foreach (var name in new[] { "oncotypedx", "endopredict", "rors", "genius" })
        {
            Assert.True(double.IsNaN(results[name].Scores[0]), name);
            Assert.Contains("single sample", results[name].Reason);
        }
        Assert.True(double.IsFinite(results["gene70"].Scores[0]));
        Assert.True(double.IsFinite(results["pik3cags"].Scores[0]));
    }

    [Fact]
    public void SymbolMappingWorksWhereTheTablesHaveSymbols()
    {
        var full = GenefuParityTests.LoadCohort();
        // the same cohort without Entrez IDs: only symbols
        var bySymbol = new SignatureCohort(full.Expression, new string?[full.Expression.GeneCount], full.Symbols);
        var entrez = GenefuSignatures.OncotypeDx(full);
        var symbol = GenefuSignatures.OncotypeDx(bySymbol, GeneIdentifier.Symbol);
        for (int j = 0; j < entrez.Scores.Count; j++) Assert.Equal(entrez.Scores[j], symbol.Scores[j], 12);
        // PIK3CA-GS and the SCMOD1 modules (GENIUS) have no symbols in genefu's tables
        var pik = GenefuSignatures.Pik3caGs(bySymbol, GeneIdentifier.Symbol);
        Assert.All(pik.Scores, s => Assert.True(double.IsNaN(s)));
        Assert.Contains("map by Entrez ID", pik.Reason);
        Assert.Contains("map by Entrez ID", GenefuSignatures.Genius(bySymbol, GeneIdentifier.Symbol).Reason);
    }

    [Fact]
    public void HighestSdRowWinsAndTheMissingValuePenaltyApplies()
    {
        string[] samples = ["a", "b", "c", "d", "e", "f"];
        double nan = double.NaN;
        var x = new ExpressionMatrix(["p1", "p2", "p3", "q1", "q2"], samples,
        [
            1, 2, 3, 4, 5, 6,          // sd 1.87
            1, 3, 5, 7, 9, 11,         // sd 3.74 → wins for gene 1
            0, 0, 0, 0, 0, 0,
            1, 2, 3, 4, 5, 6,          // complete: 1.87 · (log(7/1) + 1) = 5.51
            nan, nan, nan, 0, 9, 20,   // sd 10.0 with 3 NAs: 10.0 · (log(7/4) + 1) = 15.6 → still wins
        ]);
        var cohort = new SignatureCohort(x, ["1", "1", "1", "2", "2"]);
        var map = new SignatureGeneMapper(cohort, GeneIdentifier.EntrezId).Map([("1", "1", "g1", "x"), ("2", "2", "g2", "y"), ("3", "3", "g3", "z")]);
        Assert.Equal([1, 4, -1], map.Rows);
        Assert.Equal(["g3 (3)"], map.Missing);
    }

    [Fact]
    public void EmbeddedTablesHaveTheExpectedShapes()
    {
        var t = GenefuTables.Default;
        Assert.Equal(16, t.OncotypeDx.Count(g => g.Group != "reference"));
        Assert.Equal(8, t.EndoPredict.Count(g => g.Group == "GOI"));
        Assert.Equal(70, t.Gene70.Count);
        Assert.Equal(14, t.Gene70.Count(g => g.EntrezId is null));
        Assert.Equal(50, t.Pam50.Count);
        Assert.Equal(278, t.Pik3caGs.Count);
        Assert.Equal([63, 22, 229], t.GeniusModels.Select(m => m.Count));
        Assert.Equal([469, 28, 229], new[] { t.Scmod1Esr1.Count, t.Scmod1Erbb2.Count, t.Scmod1Aurka.Count });
        Assert.Equal(0.05, t.Scmod1.RescaleQuantile);
        Assert.Equal(1.0, t.Scmod1.Proportions.Sum(), 9);
    }
}
