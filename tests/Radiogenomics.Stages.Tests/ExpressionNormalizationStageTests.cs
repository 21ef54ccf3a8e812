using System.Globalization;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Synthetic;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// genomics.features' TPM, FPKM and FPKM-UQ against the values GDC-style STAR-counts files carry beside their counts
/// (written by the synthetic cohort's STAR writer, an implementation separate from ExpressionNormalization).
/// </summary>
public sealed class ExpressionNormalizationStageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-exprnorm-" + Guid.NewGuid().ToString("N")[..10]);

    public ExpressionNormalizationStageTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<RunReport> RunAsync(string normalization, string lengths)
    {
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), $$"""
            workflow: norm
            stages:
              - id: fetch
                uses: fetch.local
                inputs:
                  expression: cohort/expression/gdc/*/*.tsv
                  sample_sheet: cohort/expression/gdc_sample_sheet.tsv
              - id: genomics
                uses: genomics.features
                needs: [fetch]
                inputs: {gene_panel: panel.txt{{lengths}}}
                params: {normalization: {{normalization}}, log2: false, filter: none, signatures: false}
            """);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        return await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("tpm", "tpm_unstranded", "table")]
    [InlineData("fpkm", "fpkm_unstranded", "table")]
    [InlineData("fpkm-uq", "fpkm_uq_unstranded", "table")]
    [InlineData("tpm", "tpm_unstranded", "gtf")]
    public async Task MatchesTheNormalisedColumnsOfSTARCountsFiles(string normalization, string starColumn, string lengthSource)
    {
        var cohort = SyntheticCohort.Generate(CohortSpec.Small with { PatientCount = 5, GeneCount = 2000 });
        CohortFileWriter.WriteNonImaging(cohort, Path.Combine(_root, "cohort"));
        // Panel: protein-coding genes with counts well above zero in every sample (so the 4-decimal STAR values carry digits).
        var star = cohort.Patients.ToDictionary(p => p.PatientId, p => ReadStar(Directory.GetFiles(Path.Combine(_root, "cohort", "expression", "gdc", p.CountsFileUuid))[0]));
        var panel = cohort.Genes.Genes.Where(g => g.Type == "protein_coding" && star.Values.All(s => s[g.Id].Count > 200)).Take(25).ToList();
        Assert.True(panel.Count >= 10);
        File.WriteAllLines(Path.Combine(_root, "panel.txt"), panel.Select(g => g.Symbol));
        string lengths = lengthSource == "table" ? "cohort/expression/genes.tsv" : "genes.gtf";
        if (lengthSource == "gtf") WriteGtf(cohort, Path.Combine(_root, "genes.gtf"));

        var report = await RunAsync(normalization, ", gene_lengths: " + lengths);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));
        var genomic = ParquetFile.Read(new ContentStore(new Workspace(_root)).PathOf(report["genomics"].Record!.Outputs["genomic"].Sha256));
        var patients = genomic.GetStrings("patient_id");
        foreach (var gene in panel)
        {
            var values = genomic.GetNullableDoubles(gene.Symbol);
            for (int p = 0; p < patients.Length; p++)
            {
                double expected = star[patients[p]!][gene.Id].Column(starColumn);
                Assert.True(Math.Abs(values[p]!.Value - expected) <= 5e-5 + 1e-12 * expected, $"{gene.Symbol} {patients[p]}: {values[p]} vs {expected}");
            }
        }
    }

    [Fact]
    public async Task TpmWithoutLengthsNamesTheFix()
    {
        var cohort = SyntheticCohort.Generate(CohortSpec.Small with { PatientCount = 3, GeneCount = 2000 });
        CohortFileWriter.WriteNonImaging(cohort, Path.Combine(_root, "cohort"));
        File.WriteAllText(Path.Combine(_root, "panel.txt"), cohort.Genes.Genes[0].Symbol + "\n");
        var report = await RunAsync("tpm", "");
        Assert.Equal(StageStatus.Failed, report["genomics"].Status);
        Assert.Contains("normalization: tpm divides by gene length, and no lengths were given. Fix: add inputs: {gene_lengths:", report["genomics"].Error);
    }

    /// <summary>Each gene as two overlapping exons whose union is the gene's length, plus a transcript line the reader skips.</summary>
    private static void WriteGtf(SyntheticCohort cohort, string path)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("##description: test annotation");
        long at = 1000;
        foreach (var g in cohort.Genes.Genes)
        {
            string attrs = $"gene_id \"{g.Id}.3\"; gene_type \"{g.Type}\"; gene_name \"{g.Symbol}\";";
            long end = at + g.Length - 1, mid = at + g.Length / 2;
            w.WriteLine($"chr1\tHAVANA\tgene\t{at}\t{end}\t.\t+\t.\t{attrs}");
            w.WriteLine($"chr1\tHAVANA\ttranscript\t{at}\t{end}\t.\t+\t.\t{attrs} transcript_id \"T1\";");
            w.WriteLine($"chr1\tHAVANA\texon\t{at}\t{mid}\t.\t+\t.\t{attrs} transcript_id \"T1\";");
            w.WriteLine($"chr1\tHAVANA\texon\t{mid - 10}\t{end}\t.\t+\t.\t{attrs} transcript_id \"T2\";");
            at = end + 5000;
        }
    }

    private sealed record StarRow(long Count, double Tpm, double Fpkm, double FpkmUq)
    {
        public double Column(string name) => name switch { "tpm_unstranded" => Tpm, "fpkm_unstranded" => Fpkm, _ => FpkmUq };
    }

    private static Dictionary<string, StarRow> ReadStar(string path) =>
        File.ReadLines(path).Skip(2).Where(l => !l.StartsWith("N_", StringComparison.Ordinal)).Select(l => l.Split('\t'))
            .ToDictionary(f => f[0], f => new StarRow(long.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[6], CultureInfo.InvariantCulture),
                double.Parse(f[7], CultureInfo.InvariantCulture), double.Parse(f[8], CultureInfo.InvariantCulture)));
}
