using System.Globalization;
using System.Text;

namespace Radiogenomics.Synthetic.Tests;

/// <summary>Writes the default cohort's non-imaging files once for the class and deletes them afterwards (~200 MB of STAR files).</summary>
public sealed class WrittenCohortFiles : IDisposable
{
    public WrittenCohortFiles()
    {
        Root = Path.Combine(Path.GetTempPath(), "rg-synthetic-tests", "files-" + Environment.ProcessId);
        CohortFileWriter.WriteNonImaging(TestCohorts.Default, Root);
    }

    public string Root { get; }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

public class FileFormatTests(WrittenCohortFiles files) : IClassFixture<WrittenCohortFiles>
{
    private string[] Lines(params string[] parts)
    {
        var text = File.ReadAllText(Path.Combine([files.Root, .. parts]));
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("\n", text);
        return text[..^1].Split('\n');
    }

    private static string[] StarLines(int sample)
    {
        using var ms = new MemoryStream();
        StarCountsWriter.Write(ms, TestCohorts.Default, sample);
        var text = Encoding.UTF8.GetString(ms.ToArray());
        Assert.EndsWith("\n", text);
        return text[..^1].Split('\n');
    }

    [Fact]
    public void StarCountsFileHasTheGdcLayout()
    {
        var cohort = TestCohorts.Default;
        var lines = StarLines(0);
        Assert.Equal("# gene-model: GENCODE v36", lines[0]);
        Assert.Equal("gene_id\tgene_name\tgene_type\tunstranded\tstranded_first\tstranded_second\ttpm_unstranded\tfpkm_unstranded\tfpkm_uq_unstranded", lines[1]);
        Assert.Equal(2 + 4 + cohort.Genes.Count, lines.Length);
        string[] summary = ["N_unmapped", "N_multimapping", "N_noFeature", "N_ambiguous"];
        for (int r = 0; r < 4; r++)
        {
            var f = lines[2 + r].Split('\t');
            Assert.Equal(9, f.Length);
            Assert.Equal(summary[r], f[0]);
            Assert.All(new[] { f[1], f[2], f[6], f[7], f[8] }, x => Assert.Equal("", x));
            Assert.All(f[3..6], x => Assert.True(long.Parse(x, CultureInfo.InvariantCulture) > 0));
        }
        // Unmapped and multimapping reads do not depend on strandedness.
        Assert.Equal(lines[2].Split('\t')[3], lines[2].Split('\t')[4]);
        Assert.Equal(lines[3].Split('\t')[3], lines[3].Split('\t')[5]);

        double tpmSum = 0;
        long[] columnSums = new long[3];
        for (int i = 0; i < cohort.Genes.Count; i++)
        {
            var f = lines[6 + i].Split('\t');
            var gene = cohort.Genes[i];
            Assert.Equal(9, f.Length);
            Assert.Equal(gene.Id, f[0]);
            Assert.Equal(gene.Symbol, f[1]);
            Assert.Equal(gene.Type, f[2]);
            long u = long.Parse(f[3], CultureInfo.InvariantCulture), a = long.Parse(f[4], CultureInfo.InvariantCulture), b = long.Parse(f[5], CultureInfo.InvariantCulture);
            Assert.Equal(cohort.Counts[i, 0], u);
            Assert.Equal(u, a + b); // unstranded library: every read lands in exactly one strand column
            columnSums[0] += u; columnSums[1] += a; columnSums[2] += b;
            Assert.All(f[6..9], x => Assert.Matches(@"^\d+\.\d{4}$", x));
            tpmSum += double.Parse(f[6], CultureInfo.InvariantCulture);
            if (gene.IsParY) Assert.Equal("0\t0\t0\t0.0000\t0.0000\t0.0000", string.Join('\t', f[3..]));
        }
        Assert.InRange(tpmSum, 1e6 - 5, 1e6 + 5);
        // Every counting column accounts for the same uniquely mapped reads: genes + N_noFeature + N_ambiguous.
        var noFeature = lines[4].Split('\t')[3..6].Select(long.Parse).ToArray();
        var ambiguous = lines[5].Split('\t')[3..6].Select(long.Parse).ToArray();
        long unique = columnSums[0] + noFeature[0] + ambiguous[0];
        for (int c = 1; c < 3; c++) Assert.Equal(unique, columnSums[c] + noFeature[c] + ambiguous[c]);
        Assert.True(noFeature[1] > 5 * noFeature[0] && ambiguous[0] > ambiguous[1]);
    }

    [Fact]
    public void FpkmColumnsFollowTheGdcFormulas()
    {
        var cohort = TestCohorts.Default;
        var lines = StarLines(5);
        var counts = cohort.Counts.Sample(5).ToArray();
        var pc = Enumerable.Range(0, counts.Length).Where(i => cohort.Genes[i].Type == "protein_coding").Select(i => (double)counts[i]).OrderBy(x => x).ToList();
        double nPc = pc.Sum();
        double h = (pc.Count - 1) * 0.75;
        double q75 = pc[(int)h] + (h - Math.Floor(h)) * (pc[(int)h + 1] - pc[(int)h]);
        var gene = cohort.Genes.BySymbol("ESR1")!;
        var f = lines[6 + gene.Index].Split('\t');
        double c = counts[gene.Index];
        Assert.Equal(Math.Round(c * 1e9 / (gene.Length * nPc), 4), double.Parse(f[7], CultureInfo.InvariantCulture), 4);
        Assert.Equal(Math.Round(c * 1e9 / (gene.Length * q75), 4), double.Parse(f[8], CultureInfo.InvariantCulture), 4);
    }

    [Fact]
    public void SampleSheetAndStarFilesUseGdcNamesAndTcgaBarcodes()
    {
        var cohort = TestCohorts.Default;
        var lines = Lines("expression", "gdc_sample_sheet.tsv");
        Assert.Equal("File ID\tFile Name\tData Category\tData Type\tProject ID\tCase ID\tSample ID\tSample Type", lines[0]);
        Assert.Equal(cohort.Patients.Count + 1, lines.Length);
        for (int i = 0; i < cohort.Patients.Count; i++)
        {
            var f = lines[i + 1].Split('\t');
            var p = cohort.Patients[i];
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", f[0]);
            Assert.Equal(f[0] + ".rna_seq.augmented_star_gene_counts.tsv", f[1]);
            Assert.Equal(["Transcriptome Profiling", "Gene Expression Quantification", "TCGA-BRCA"], f[2..5]);
            Assert.Matches("^TCGA-[A-Z0-9]{2}-[A-Z0-9]{4}$", f[5]);
            Assert.Equal(f[5] + "-01" + f[6][^1], f[6]);
            Assert.Equal("Primary Tumor", f[7]);
            Assert.Matches(@"^TCGA-[A-Z0-9]{2}-[A-Z0-9]{4}-01[A-Z]-1\dR-A[0-9A-Z]{3}-07$", p.AliquotId);
            Assert.StartsWith(p.SampleId, p.AliquotId);
            Assert.True(File.Exists(Path.Combine(files.Root, "expression", "gdc", f[0], f[1])));
        }
        Assert.Equal(cohort.Patients.Count, cohort.Patients.Select(p => p.PatientId).Distinct().Count());
    }

    [Fact]
    public void CountMatrixAndGeneTableMatchTheCohort()
    {
        var cohort = TestCohorts.Default;
        var lines = Lines("expression", "counts_unstranded.tsv");
        Assert.Equal(["gene_id", .. cohort.Patients.Select(p => p.SampleId)], lines[0].Split('\t'));
        Assert.Equal(cohort.Genes.Count + 1, lines.Length);
        foreach (int g in new[] { 0, 1234, cohort.Genes.Count - 1 })
        {
            var f = lines[g + 1].Split('\t');
            Assert.Equal(cohort.Genes[g].Id, f[0]);
            for (int s = 0; s < cohort.Patients.Count; s++) Assert.Equal(cohort.Counts[g, s].ToString(CultureInfo.InvariantCulture), f[s + 1]);
        }
        var genes = Lines("expression", "genes.tsv");
        Assert.Equal("gene_id\tgene_name\tgene_type\tlength\tentrez_id", genes[0]);
        Assert.Equal(cohort.Genes.Count + 1, genes.Length);
    }

    [Fact]
    public void GmtHoldsDriverPartialAndNullSets()
    {
        var cohort = TestCohorts.Default;
        var lines = Lines("genesets", "pathways.gmt");
        Assert.Equal(182, lines.Length);
        foreach (var line in lines)
        {
            var f = line.Split('\t');
            Assert.True(f.Length >= 3 + 5);
            Assert.All(f[2..], s => Assert.NotNull(cohort.Genes.BySymbol(s)));
            Assert.Equal(f.Length - 2, f[2..].Distinct().Count());
        }
        Assert.Contains(lines, l => l.StartsWith("SYN_ESTROGEN_RESPONSE\t", StringComparison.Ordinal));
        Assert.Equal(7, cohort.GeneSets.Count(s => s.Role == GeneSetRole.Driver));
        Assert.Equal(10, cohort.GeneSets.Count(s => s.Role == GeneSetRole.Partial));
        Assert.All(cohort.GeneSets.Where(s => s.Role == GeneSetRole.Null), s => Assert.All(s.Symbols, x => Assert.False(cohort.Genes.BySymbol(x)!.IsDriver)));
        var signatures = Lines("genesets", "signatures.tsv");
        Assert.Equal("signature\tgene_id\tgene_name\tcoefficient", signatures[0]);
        Assert.Contains("SIG_LUMINAL\t" + cohort.Genes.BySymbol("KRT5")!.Id + "\tKRT5\t-1", signatures);
    }

    [Fact]
    public void ClinicalAndSurvivalTablesUseTcgaConventions()
    {
        var cohort = TestCohorts.Default;
        var clinical = Lines("clinical", "clinical.tsv");
        Assert.Equal("Complete TCGA ID\tGender\tAge at Initial Pathologic Diagnosis\tER Status\tPR Status\tHER2 Final Status\tTumor\tTumor--T1 Coded\tNode\tNode-Coded\tNull Label", clinical[0]);
        Assert.Equal(cohort.Patients.Count + 1, clinical.Length);
        var rows = clinical[1..].Select(l => l.Split('\t')).ToArray();
        Assert.All(rows, f => Assert.Equal(11, f.Length));
        Assert.All(rows, f => Assert.Contains(f[10], new[] { "Positive", "Negative" })); // the null label has no NA
        Assert.All(rows, f => Assert.Contains(f[3], new[] { "Positive", "Negative", "NA" }));
        Assert.All(rows, f => Assert.Contains(f[5], new[] { "Positive", "Negative", "Equivocal", "NA" }));
        Assert.All(rows, f => Assert.Contains(f[6], new[] { "T1", "T2", "T3", "T4", "NA" }));
        Assert.All(rows, f => Assert.Equal(f[6] == "NA" ? "NA" : f[6] == "T1" ? "T1" : "T_Other", f[7]));
        Assert.All(rows, f => Assert.Equal(f[8] == "NA" ? "NA" : f[8] == "N0" ? "Negative" : "Positive", f[9]));
        Assert.Contains(rows, f => f.Contains("NA"));

        var survival = Lines("clinical", "survival.tsv");
        Assert.Equal("sample\tOS\t_PATIENT\tOS.time", survival[0]);
        var s = survival[1..].Select(l => l.Split('\t')).ToArray();
        Assert.All(s, f => Assert.Contains(f[1], new[] { "0", "1" }));
        Assert.All(s, f => Assert.StartsWith(f[2], f[0]));
        Assert.All(s, f => Assert.True(int.Parse(f[3], CultureInfo.InvariantCulture) >= 1));
    }

    [Fact]
    public void TruthTableListsDriversEffectsAndTheNullSet()
    {
        var cohort = TestCohorts.Default;
        var lines = Lines("truth", "truth.tsv");
        Assert.Equal("entity_kind\tentity_id\tentity_name\ttarget\trole\teffect\teffect_scale\texpected_correlation\tprogram\tloading", lines[0]);
        var rows = lines[1..].Select(l => l.Split('\t')).ToArray();
        Assert.All(rows, f => Assert.Equal(10, f.Length));
        Assert.Contains(rows, f => f[0] == "clinical_label" && f[1] == "Null Label" && f[3] == "none" && f[4] == "null");
        foreach (var target in new[] { "size", "enhancement", "washout", "heterogeneity", "margin_irregularity", "er_status", "pr_status", "her2_status", "n_stage", "hazard" })
        {
            Assert.Contains(rows, f => f[0] == "gene" && f[3] == target && f[4] == "direct");
            Assert.Contains(rows, f => f[0] == "pathway" && f[3] == target && f[4] == "direct");
        }
        Assert.Contains(rows, f => f[0] == "program" && f[1] == "Proliferation" && f[3] == "size" && f[4] == "direct" && f[5] == "0.55");
        Assert.Contains(rows, f => f[0] == "gene" && f[2] == "CCND1" && f[3] == "size" && f[4] == "direct" && f[5] == "0.3");
        int driverGenes = cohort.Genes.Genes.Count(g => g.IsDriver);
        Assert.Equal(cohort.Genes.Count - driverGenes, rows.Count(f => f[0] == "gene" && f[4] == "null"));
        Assert.Equal(165, rows.Count(f => f[0] == "pathway" && f[4] == "null"));
        var patients = Lines("truth", "patients.tsv");
        Assert.Equal(cohort.Patients.Count + 1, patients.Length);
        Assert.Contains("score_margin_irregularity", patients[0].Split('\t'));
    }

    [Fact]
    public void SpecValidationNamesTheProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => CohortSpec.Default with { MaxPostContrastPhases = 9 } is var s ? SyntheticCohort.Generate(s) : null);
        Assert.Contains("MaxPostContrastPhases", e.Message);
        Assert.Throws<ArgumentException>(() => SyntheticCohort.Generate(CohortSpec.Default with { PatientCount = 0 }));
        Assert.Throws<ArgumentException>(() => SyntheticCohort.Generate(CohortSpec.Default with { GeneCount = 100 }));
        CohortSpec.Default.Validate();
        CohortSpec.Small.Validate();
        Assert.Equal(12, CohortSpec.Small.PatientCount);
        Assert.Equal(CohortSpec.Default with { PatientCount = 12 }, CohortSpec.Small);
    }
}
