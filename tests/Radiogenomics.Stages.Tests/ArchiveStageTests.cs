using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;
using Radiogenomics.TestSupport;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>fetch.gdc and fetch.tcia end to end against a loopback server answering in the real APIs' shapes; no network.</summary>
public sealed class ArchiveStageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-archive-" + Guid.NewGuid().ToString("N")[..10]);

    public ArchiveStageTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<RunReport> RunAsync(string yaml)
    {
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), yaml);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        return await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
    }

    private Table Output(RunReport report, string output) =>
        ParquetFile.Read(new ContentStore(new Workspace(_root)).PathOf(report["fetch"].Record!.Outputs[output].Sha256));

    private static byte[] StarCounts(int patient)
    {
        var sb = new StringBuilder("# gene-model: GENCODE v36\ngene_id\tgene_name\tgene_type\tunstranded\tstranded_first\tstranded_second\ttpm_unstranded\tfpkm_unstranded\tfpkm_uq_unstranded\n");
        foreach (var n in new[] { "N_unmapped", "N_multimapping", "N_noFeature", "N_ambiguous" }) sb.Append($"{n}\t\t\t5\t5\t5\t\t\t\n");
        sb.Append($"ENSG00000000003.15\tTSPAN6\tprotein_coding\t{100 + patient}\t50\t50\t1\t1\t1\n");
        sb.Append($"ENSG00000002586.20\tCD99\tprotein_coding\t{200 + patient}\t100\t100\t1\t1\t1\n");
        sb.Append($"ENSG00000002586.20_PAR_Y\tCD99\tprotein_coding\t0\t0\t0\t0\t0\t0\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Fact]
    public async Task FetchGdcDownloadsChecksAndMatchesPatients()
    {
        var files = Enumerable.Range(1, 2).Select(i => (Id: new Guid(i, 1, 1, new byte[8]).ToString(), Patient: $"TCGA-AA-000{i}", Content: StarCounts(i))).ToList();
        string FilesJson() => JsonSerializer.Serialize(new
        {
            data = new
            {
                hits = files.Select(f => new
                {
                    id = f.Id, file_id = f.Id, file_name = f.Id + ".rna_seq.augmented_star_gene_counts.tsv",
                    md5sum = Convert.ToHexStringLower(MD5.HashData(f.Content)), file_size = f.Content.Length,
                    data_category = "Transcriptome Profiling", data_type = "Gene Expression Quantification", data_format = "TSV",
                    experimental_strategy = "RNA-Seq", access = "open", state = "released", analysis = new { workflow_type = "STAR - Counts" },
                    cases = new[] { new { case_id = Guid.NewGuid().ToString(), submitter_id = f.Patient, project = new { project_id = "TCGA-BRCA" },
                        samples = new[] { new { sample_id = Guid.NewGuid().ToString(), submitter_id = f.Patient + "-01A", sample_type = "Primary Tumor", tissue_type = "Tumor" } } } },
                }),
                pagination = new { count = files.Count, total = files.Count, size = 500, from = 0, sort = "", page = 1, pages = 1 },
            },
            warnings = new { },
        });
        const string Cases = """
            {"data": {"hits": [{"id": "c1", "case_id": "c1", "submitter_id": "TCGA-AA-0001", "project": {"project_id": "TCGA-BRCA"},
              "demographic": {"vital_status": "Dead", "days_to_death": 1388, "age_at_index": 51},
              "diagnoses": [{"diagnosis_id": "d1", "age_at_diagnosis": 18801, "days_to_last_follow_up": null}],
              "follow_ups": [{"follow_up_id": "f1", "molecular_tests": [{"gene_symbol": "ESR1", "laboratory_test": "Estrogen Receptor", "test_result": "Negative"}]}]}],
              "pagination": {"count": 1, "total": 1, "size": 500, "from": 0, "sort": "", "page": 1, "pages": 1}}, "warnings": {}}
            """;
        await using var server = new MockHttpServer(r =>
            r.Path == "/files" ? MockResponse.Json(FilesJson())
            : r.Path == "/cases" ? MockResponse.Json(Cases)
            : files.FirstOrDefault(f => r.Path == "/data/" + f.Id) is { Id: not null } file ? MockResponse.File(file.Content, r)
            : MockResponse.Text("{\"message\":\"not found\"}", 404));

        var report = await RunAsync($"workflow: g\nstages:\n  - id: fetch\n    uses: fetch.gdc\n    params: {{base_url: '{server.BaseAddress}'}}\n");
        Assert.True(report.Succeeded, report["fetch"].Error);
        var expression = Output(report, "expression");
        Assert.Equal(["gene_id", "gene_name", "gene_type", "TCGA-AA-0001", "TCGA-AA-0002"], expression.ColumnNames);
        Assert.Equal(["ENSG00000000003", "ENSG00000002586", "ENSG00000002586_PAR_Y"], expression.GetStrings("gene_id"));
        Assert.Equal([101.0, 201.0, 0.0], expression.GetNullableDoubles("TCGA-AA-0001"));
        var clinical = Output(report, "clinical");
        Assert.Equal("Negative", clinical.GetStrings("er")[0]);
        Assert.Equal(1388.0, clinical.GetNullableDoubles("os_days")[0]);
        Assert.Equal([true, false], Output(report, "patients").GetBools("matched"));
        Assert.All(Output(report, "files").GetStrings("path"), p => Assert.True(File.Exists(Path.Combine(_root, p!))));
    }

    [Fact]
    public async Task FetchTciaDownloadsSeriesZipsAndIndexesThem()
    {
        const string Uid = "1.2.826.0.1.3680043.2.1125.1.2";
        byte[] dicom = File.ReadAllBytes("/usr/lib/python3/dist-packages/pydicom/data/test_files/MR_small.dcm");
        byte[] zip;
        using (var buffer = new MemoryStream())
        {
            using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                using (var w = new StreamWriter(archive.CreateEntry("LICENSE").Open())) w.Write("CC BY 3.0");
                using (var s = archive.CreateEntry("1-1.dcm").Open()) s.Write(dicom);
            }
            zip = buffer.ToArray();
        }
        string series = $$"""[{"SeriesInstanceUID": "{{Uid}}", "PatientID": "TCGA-AA-0001", "Collection": "TCGA-BRCA", "Modality": "MR", "ImageCount": 1}]""";
        await using var server = new MockHttpServer(r =>
            r.Path.EndsWith("/getSeries", StringComparison.Ordinal) ? MockResponse.Json(series)
            : r.Path.EndsWith("/getImage", StringComparison.Ordinal) ? MockResponse.File(zip, r)
            : MockResponse.Empty(404));

        var report = await RunAsync($"workflow: t\nstages:\n  - id: fetch\n    uses: fetch.tcia\n    params: {{base_url: '{server.BaseAddress}'}}\n");
        Assert.True(report.Succeeded, report["fetch"].Error);
        var downloads = Output(report, "downloads");
        Assert.Equal(Uid, downloads.GetStrings("series_uid")[0]);
        Assert.NotNull(downloads.GetStrings("license")[0]);
        var index = Output(report, "dicom_series");
        Assert.Equal("MR", index.GetStrings("modality")[0]);
        Assert.Equal(1, Output(report, "dicom_instances").RowCount);
    }
}
