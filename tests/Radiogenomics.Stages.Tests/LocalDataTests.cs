using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>fetch.local on GDC-shaped files, then genomics.features on what it produced.</summary>
public sealed class LocalDataTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-local-" + Guid.NewGuid().ToString("N")[..10]);

    public LocalDataTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void Write(string relative, string content)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static readonly string[] Barcodes =
        ["TCGA-A1-0001-01A-11R-A1", "TCGA-A1-0002-01A-11R-A1", "TCGA-A1-0003-01A-11R-A1", "TCGA-A1-0004-01A-11R-A1", "TCGA-A1-0005-01A-11R-A1", "TCGA-A1-0001-11A-11R-A1"];

    /// <summary>40 genes (GENE01…GENE40), counts growing with a per-sample factor so pathways differ between patients.</summary>
    private void WriteCohort(string clinical)
    {
        var sheet = new StringBuilder("File ID\tFile Name\tData Category\tData Type\tProject ID\tCase ID\tSample ID\tSample Type\n");
        for (int s = 0; s < Barcodes.Length; s++)
        {
            var star = new StringBuilder("# gene-model: GENCODE v36\ngene_id\tgene_name\tgene_type\tunstranded\tstranded_first\tstranded_second\ttpm_unstranded\tfpkm_unstranded\tfpkm_uq_unstranded\n");
            foreach (var n in new[] { "N_unmapped", "N_multimapping", "N_noFeature", "N_ambiguous" }) star.Append($"{n}\t\t\t10\t10\t10\t\t\t\n");
            for (int g = 1; g <= 40; g++)
            {
                // UP_SET genes (1–10) go from the lowest to the highest counts across samples; the rest stay put.
                int count = g <= 10 ? 50 + 400 * s + g : 300 + 5 * g + (g * 7 + s * 13) % 17;
                star.Append(CultureInfo.InvariantCulture, $"ENSG{g:00000000000}.{g % 3 + 1}\tGENE{g:00}\tprotein_coding\t{count}\t{count / 2}\t{count / 2}\t1.0\t1.0\t1.0\n");
            }
            string name = $"file{s}.rna_seq.augmented_star_gene_counts.tsv";
            Write($"expr/{name}", star.ToString());
            string patient = Barcodes[s][..12];
            sheet.Append($"{new Guid(s + 1, 0, 0, new byte[8])}\t{name}\tTranscriptome Profiling\tGene Expression Quantification\tTCGA-BRCA\t{patient}\t{Barcodes[s][..16]}\t{(s == 5 ? "Solid Tissue Normal" : "Primary Tumor")}\n");
        }
        Write("sheet.tsv", sheet.ToString());
        Write("clinical.tsv", clinical);
        Write("panel.txt", "GENE01\nGENE02\nNOT_A_GENE\n");
        Write("pathway.gmt", "UP_SET\tgenes that rise\t" + string.Join("\t", Enumerable.Range(1, 10).Select(g => $"GENE{g:00}")) +
                             "\nFLAT_SET\tthe rest\t" + string.Join("\t", Enumerable.Range(11, 20).Select(g => $"GENE{g:00}")) + "\nTINY\tx\tGENE01\n");
    }

    private async Task<RunReport> RunAsync(string onError)
    {
        Write("wf.yaml", $$"""
            workflow: local
            stages:
              - id: fetch
                uses: fetch.local
                inputs:
                  expression: expr/*.tsv
                  sample_sheet: sheet.tsv
                  clinical: clinical.tsv
                params: {on_error: {{onError}}}
              - id: genomics
                uses: genomics.features
                needs: [fetch]
                inputs:
                  gene_sets: pathway.gmt
                  gene_panel: panel.txt
                params: {signatures: false}
            """);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        return await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
    }

    private Table Output(RunReport report, string stage, string output) =>
        ParquetFile.Read(new ContentStore(new Workspace(_root)).PathOf(report[stage].Record!.Outputs[output].Sha256));

    private const string Clinical = "bcr_patient_barcode\tage\ter_status\nTCGA-A1-0001\t51\tPositive\nTCGA-A1-0002\t63\tNegative\nTCGA-A1-0003\tNA\t[Not Available]\nTCGA-A1-0003\t40\tPositive\nTCGA-A1-0009\t70\tPositive\n";

    [Fact]
    public async Task DuplicateClinicalRowFailsByDefaultNamingTheRows()
    {
        WriteCohort(Clinical);
        var report = await RunAsync("fail");
        Assert.Equal(StageStatus.Failed, report["fetch"].Status);
        Assert.StartsWith("clinical.tsv: row 4 (line 5): patient 'TCGA-A1-0003' already appears in row 3 (line 4)", report["fetch"].Error);
    }

    [Fact]
    public async Task ClinicalCodesOutsideTheVocabularyAreReported()
    {
        WriteCohort("bcr_patient_barcode\ter_status\tTumor\nTCGA-A1-0001\tPostive\tT2\nTCGA-A1-0002\tNegative\tT9\n");
        var failed = await RunAsync("fail");
        Assert.StartsWith("clinical.tsv: row 1 (line 2): column 'er_status' has 'Postive', outside the vocabulary. Fix: use Positive, Negative", failed["fetch"].Error);

        var skipped = await RunAsync("skip");
        Assert.True(skipped.Succeeded, skipped["fetch"].Error);
        var clinical = Output(skipped, "fetch", "clinical");
        Assert.Equal([null, "Negative"], clinical.GetStrings("er_status"));
        Assert.Equal(["T2", null], clinical.GetStrings("Tumor"));
        var errors = Output(skipped, "fetch", "errors");
        Assert.Equal(["set to missing", "set to missing"], errors.GetStrings("action"));
    }

    [Fact]
    public async Task TAndNCodedAsStageNumbersStayNumbers()
    {
        // The seed's tables code T as 0/1 (T1 vs T2+) and N as 0/1 (node-negative vs positive).
        WriteCohort("bcr_patient_barcode\tT\tN\nTCGA-A1-0001\t0\t1\nTCGA-A1-0002\t1\t0\nTCGA-A1-0003\tNA\t1\n");
        var report = await RunAsync("fail");
        Assert.True(report.Succeeded, report["fetch"].Error);
        var clinical = Output(report, "fetch", "clinical");
        Assert.Equal([0.0, 1.0, null], clinical.GetNullableDoubles("T"));
        Assert.Equal([1.0, 0.0, 1.0], clinical.GetNullableDoubles("N"));
    }

    [Fact]
    public async Task AColumnWithAnotherCodingFailsEvenWhenSkippingBadRecords()
    {
        // Skipping record by record would have blanked the whole column without a word.
        WriteCohort("bcr_patient_barcode\ter_status\nTCGA-A1-0001\thigh\nTCGA-A1-0002\tlow\n");
        var report = await RunAsync("skip");
        Assert.Equal(StageStatus.Failed, report["fetch"].Status);
        Assert.StartsWith("clinical.tsv: column 'er_status': no value fits the receptor status vocabulary (first: 'high' in row 1 (line 2))", report["fetch"].Error);
        Assert.Contains("rename the column if it holds another coding", report["fetch"].Error);
    }

    [Fact]
    public async Task MatchesPatientsKeepsPrimaryTumoursAndScoresPathways()
    {
        WriteCohort(Clinical);
        var report = await RunAsync("skip");
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));

        var expression = Output(report, "fetch", "expression");
        Assert.Equal(["gene_id", "gene_name", "gene_type", "TCGA-A1-0001", "TCGA-A1-0002", "TCGA-A1-0003", "TCGA-A1-0004", "TCGA-A1-0005"], expression.ColumnNames);
        Assert.Equal("ENSG00000000001", expression.GetStrings("gene_id")[0]); // version stripped
        var samples = Output(report, "fetch", "expression_samples");
        int normal = Array.IndexOf(samples.GetStrings("sample_id"), "TCGA-A1-0001-11A");
        Assert.False(samples.GetBools("kept")[normal]);
        Assert.Contains("not a primary tumour", samples.GetStrings("reason")[normal]);

        var errors = Output(report, "fetch", "errors");
        Assert.Equal(1, errors.RowCount);
        Assert.Equal("row 4 (line 5)", errors.GetStrings("record")[0]);
        var clinical = Output(report, "fetch", "clinical");
        Assert.Equal([51.0, 63.0, null, 70.0], clinical.GetNullableDoubles("age"));
        Assert.Equal([null, null, null, null], clinical.GetStrings("er_status").Select(s => s == "[Not Available]" ? "bad" : (string?)null));
        var patients = Output(report, "fetch", "patients");
        int p9 = Array.IndexOf(patients.GetStrings("patient_id"), "TCGA-A1-0009");
        Assert.False(patients.GetBools("matched")[p9]); // clinical only

        var genomic = Output(report, "genomics", "genomic");
        Assert.Contains("GENE01", genomic.ColumnNames);
        Assert.DoesNotContain("NOT_A_GENE", genomic.ColumnNames);
        Assert.Contains("UP_SET", genomic.ColumnNames);
        Assert.DoesNotContain("TINY", genomic.ColumnNames); // fewer than min_set_size genes
        var up = genomic.GetNullableDoubles("UP_SET");
        Assert.True(up[4] > up[0], "the set whose genes rise with the sample index scores higher in the last patient");
        var catalog = Output(report, "genomics", "genomic_features");
        Assert.Equal(["gene", "gene", "pathway", "pathway"], catalog.GetStrings("family"));
    }

    private async Task<RunReport> RunLog2MatrixAsync(string genomicsParams)
    {
        // A log2-normalised matrix as from a microarray or an R user's log-CPM table: fractional, some negative.
        var matrix = new StringBuilder("gene\t" + string.Join("\t", Barcodes.Take(5).Select(b => b[..16])) + "\n");
        for (int g = 1; g <= 40; g++)
            matrix.Append($"GENE{g:00}\t" + string.Join("\t", Enumerable.Range(0, 5).Select(s => (Math.Sin(g * 1.7 + s) * 3 + (g == 7 ? -1.5 : 6)).ToString("F6", CultureInfo.InvariantCulture))) + "\n");
        Write("log2/matrix.tsv", matrix.ToString());
        Write("pathway.gmt", "UP_SET\tx\t" + string.Join("\t", Enumerable.Range(1, 10).Select(g => $"GENE{g:00}")) + "\n");
        Write("wf.yaml", $$"""
            workflow: log2
            stages:
              - id: fetch
                uses: fetch.local
                inputs: {expression: log2/matrix.tsv}
              - id: genomics
                uses: genomics.features
                needs: [fetch]
                inputs: {gene_sets: pathway.gmt}
                params: {{{genomicsParams}}}
            """);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        return await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task ALog2MatrixIsRecognisedAndTheParametersThatTakeItAreNamed()
    {
        var defaults = await RunLog2MatrixAsync("signatures: false");
        Assert.Equal(StageStatus.Failed, defaults["genomics"].Status);
        Assert.StartsWith("the 'expression' table from stage 'fetch': gene GENE", defaults["genomics"].Error); // not the cache object's path
        Assert.Contains("gene GENE", defaults["genomics"].Error);
        Assert.Contains("normalization: none, log2: false, filter: mean", defaults["genomics"].Error);
        Assert.DoesNotContain("ArgumentException", defaults["genomics"].Error);

        // normalization: none alone is not enough: the default cpm filter needs counts too, and says so.
        var noneOnly = await RunLog2MatrixAsync("signatures: false, normalization: none, log2: false");
        Assert.Equal(StageStatus.Failed, noneOnly["genomics"].Status);
        Assert.Contains("the cpm filter (the default) needs raw counts", noneOnly["genomics"].Error);

        var right = await RunLog2MatrixAsync("signatures: false, normalization: none, log2: false, filter: mean");
        Assert.True(right.Succeeded, right["genomics"].Error);
    }
}
