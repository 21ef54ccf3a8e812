namespace Radiogenomics.Genomics.Tests;

/// <summary>
/// Parity of the six genefu signatures with golden/genefu/make_genefu_golden.R. genefu itself could NOT be run (not in Debian,
/// no Bioconductor access from this machine): the reference is an independent R re-implementation of the formulas in
/// /work/shared/genefu/README.md, on a simulated 80-sample cohort with duplicate probes (highest-sd rule, including the
/// missing-value penalty), absent signature genes, missing values and an all-NA probe.
/// </summary>
public class GenefuParityTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-6;
    private static readonly Lazy<SignatureCohort> Cohort = new(LoadCohort);
    private static readonly Lazy<List<Dictionary<string, string>>> Expected = new(() => Golden.Records("genefu/scores.csv"));

    internal static SignatureCohort LoadCohort()
    {
        var (header, rows) = Golden.Read("genefu/cohort.csv");
        var samples = header.Skip(3).ToArray();
        var values = new double[rows.Count * samples.Length];
        for (int g = 0; g < rows.Count; g++)
            for (int j = 0; j < samples.Length; j++) values[g * samples.Length + j] = Golden.Number(rows[g][j + 3]);
        var matrix = new ExpressionMatrix(rows.Select(r => r[0]).ToArray(), samples, values);
        return new SignatureCohort(matrix, rows.Select(r => (string?)r[1]).ToArray(), rows.Select(r => (string?)r[2]).ToArray());
    }

    [Theory]
    [InlineData("oncotypedx", "oncotypedx")]
    [InlineData("endopredict", "endopredict")]
    [InlineData("rors", "rors")]
    [InlineData("gene70", "gene70")]
    [InlineData("genius", "genius")]
    [InlineData("pik3cags", "pik3cags")]
    public void ScoreMatchesIndependentRImplementation(string signature, string column)
    {
        var result = GenefuSignatures.All(Cohort.Value).Single(s => s.Signature == signature);
        var report = new ParityReport(signature);
        for (int j = 0; j < Expected.Value.Count; j++)
            report.Add(Golden.Number(Expected.Value[j][column]), result.Scores[j], Expected.Value[j]["sample"]);
        output.WriteLine($"{signature}: mapped {result.GenesMapped}/{result.GenesTotal}, missing {result.MissingGenes.Count}, cohort-dependent {result.DependsOnCohort}, reason: {result.Reason ?? "-"}");
        report.AssertWithin(Tolerance, output);
    }

    [Fact]
    public void IntermediatesMatchIndependentRImplementation()
    {
        var rors = GenefuSignatures.RorS(Cohort.Value);
        var genius = GenefuSignatures.Genius(Cohort.Value);
        var pairs = new (string Column, IReadOnlyList<double> Actual)[]
        {
            ("rors_unscaled", rors.Components["RORSunscaled"]),
            ("module_esr1", genius.Components["ESR1"]), ("module_erbb2", genius.Components["ERBB2"]), ("module_aurka", genius.Components["AURKA"]),
            ("p_ern_her2n", genius.Components["ER-/HER2-"]), ("p_her2p", genius.Components["HER2+"]), ("p_erp_her2n", genius.Components["ER+/HER2-"]),
            ("geniusm1", genius.Components["GENIUSM1"]), ("geniusm2", genius.Components["GENIUSM2"]), ("geniusm3", genius.Components["GENIUSM3"]),
        };
        var report = new ParityReport("genefu intermediates");
        foreach (var (column, actual) in pairs)
            for (int j = 0; j < Expected.Value.Count; j++)
                report.Add(Golden.Number(Expected.Value[j][column]), actual[j], $"{column}/{Expected.Value[j]["sample"]}");
        report.AssertWithin(Tolerance, output);
    }

    [Fact]
    public void HighestSdMappingMatchesIndependentRImplementation()
    {
        var cohort = Cohort.Value;
        var tables = GenefuTables.Default;
        var lists = new Dictionary<string, IReadOnlyList<(string? Entrez, string? Symbol, string Probe)>>
        {
            ["oncotypedx"] = tables.OncotypeDx.Where(g => g.Group != "reference").Select(g => (g.EntrezId, (string?)g.Symbol, g.Symbol)).ToArray(),
            ["endopredict"] = tables.EndoPredict.Where(g => g.Group == "GOI").Select(g => (g.EntrezId, (string?)g.Symbol, g.Symbol)).ToArray(),
            ["rors"] = tables.Pam50.Select(g => (g.EntrezId, (string?)g.Symbol, g.Symbol)).ToArray(),
            ["gene70"] = tables.Gene70.Select(g => (g.EntrezId, g.Symbol, g.Probe)).ToArray(),
            ["pik3cags"] = tables.Pik3caGs.Select(g => (g.EntrezId, g.Symbol, g.Probe)).ToArray(),
            ["scmod1_esr1"] = tables.Scmod1Esr1.Select(g => (g.EntrezId, g.Symbol, g.Probe)).ToArray(),
            ["scmod1_erbb2"] = tables.Scmod1Erbb2.Select(g => (g.EntrezId, g.Symbol, g.Probe)).ToArray(),
            ["scmod1_aurka"] = tables.Scmod1Aurka.Select(g => (g.EntrezId, g.Symbol, g.Probe)).ToArray(),
            ["geniusm1"] = tables.GeniusModels[0].Select(g => (g.EntrezId, g.Symbol, g.Probe)).ToArray(),
            ["geniusm2"] = tables.GeniusModels[1].Select(g => (g.EntrezId, g.Symbol, g.Probe)).ToArray(),
            ["geniusm3"] = tables.GeniusModels[2].Select(g => (g.EntrezId, g.Symbol, g.Probe)).ToArray(),
        };
        var expected = Golden.Records("genefu/mapping.csv");
        var mapper = new SignatureGeneMapper(cohort, GeneIdentifier.EntrezId);
        int compared = 0;
        foreach (var (name, entries) in lists)
        {
            var map = mapper.Map(entries.Select(e => (e.Entrez, e.Entrez, e.Symbol, e.Probe)).ToArray());
            var want = expected.Where(r => r["signature"] == name).ToArray();
            Assert.Equal(want.Length, map.Entries.Length);
            for (int i = 0; i < want.Length; i++)
            {
                Assert.Equal(want[i]["entrez"], entries[map.Entries[i]].Entrez);
                string probe = map.Rows[i] < 0 ? "NA" : cohort.Expression.Genes[map.Rows[i]];
                Assert.True(want[i]["probe"] == probe, $"{name} {want[i]["entrez"]}: expected probe {want[i]["probe"]}, got {probe}");
                compared++;
            }
        }
        output.WriteLine($"{compared} signature genes mapped to the same probe as the R re-implementation");
    }
}
