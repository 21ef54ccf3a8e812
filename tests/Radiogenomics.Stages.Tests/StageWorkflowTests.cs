using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>The product stages run through the engine on real files.</summary>
public sealed class StageWorkflowTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-stages-" + Guid.NewGuid().ToString("N")[..10]);

    public StageWorkflowTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string Write(string relative, string content)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<RunReport> RunAsync(string workflowYaml, string? target = null)
    {
        Write("wf.yaml", workflowYaml);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry(), software: StageCatalog.Software());
        return await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Targets = target is null ? [] : [target] }, cancellationToken: TestContext.Current.CancellationToken);
    }

    private string ObjectPath(RunReport report, string stage, string output) =>
        new ContentStore(new Workspace(_root)).PathOf(report[stage].Record!.Outputs[output].Sha256);

    private const string FetchOnly = """
        workflow: t
        stages:
          - id: fetch
            uses: fetch.tables
            inputs:
              features: features.csv
              genomics: [gene.tsv]
        """;

    [Fact]
    public void TheShippedWorkflowsValidateAgainstTheShippedStages()
    {
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        var workflow = engine.Load(Path.Combine(RepositoryPaths.Root, "workflows/default.yaml"));
        Assert.Equal(["fetch", "preprocess", "extract", "normalize", "genomics", "associate", "evaluate"], workflow.Stages.Select(s => s.Id));
        Assert.Equal(["Fetch", "Preprocess", "Extract", "Normalize", "Genomics", "Associate", "Evaluate"], workflow.Stages.Select(s => s.Definition.TaskName));
        Assert.Equal("fetch.synthetic", workflow["fetch"].Kind.Name);
        Assert.Equal(100L, engine.Load(Path.Combine(RepositoryPaths.Root, "workflows/liu-hu-2023.yaml"))["extract"].Parameters.GetInteger("epochs"));
        Assert.Equal("associate.lme", engine.Load(Path.Combine(RepositoryPaths.Root, "workflows/example-tables.yaml"))["associate"].Kind.Name);
        var truth = engine.Load(Path.Combine(RepositoryPaths.Root, "workflows/synthetic-truth.yaml"));
        Assert.Equal(0L, truth["extract_untrained"].Parameters.GetInteger("epochs"));
        Assert.Equal(80.0, truth["crop"].Parameters.GetNumber("crop_mm"));
    }

    [Fact]
    public async Task FetchTablesWritesParquetThatDuckDbReads()
    {
        Write("features.csv", "image_id,patient_id,f1,f2\ni1,P1,1.5,2\ni2,P1,2.5,3\ni3,P2,0.5,1e3\n");
        Write("gene.tsv", "patient_id\tG1\tG2\nP2\t-1\tNA\nP1\t2\t3\nP9\t0\t0\n");
        var report = await RunAsync(FetchOnly);
        Assert.True(report.Succeeded, report["fetch"].Error);
        using var db = new DuckDbConnection();
        var features = db.Query($"SELECT image_id, patient_id, f2 FROM read_parquet('{ObjectPath(report, "fetch", "features")}') ORDER BY image_id");
        Assert.Equal(new string?[] { "i1", "i2", "i3" }, features.GetStrings("image_id"));
        Assert.Equal([2.0, 3.0, 1000.0], features.GetDoubles("f2"));
        var genomic = db.Query($"SELECT * FROM read_parquet('{ObjectPath(report, "fetch", "genomic")}') ORDER BY patient_id");
        Assert.Equal(new string?[] { "P1", "P2" }, genomic.GetStrings("patient_id")); // P9 has no images
        Assert.Equal([3.0, null], genomic.GetNullableDoubles("G2"));
        var catalog = ParquetFile.Read(ObjectPath(report, "fetch", "genomic_features"));
        Assert.Equal(new string?[] { "gene", "gene" }, catalog.GetStrings("family"));
    }

    [Theory]
    [InlineData("image_id,patient_id,f1\ni1,P1,1\ni2,P1,abc\n", "features.csv: row 2 (line 3), column 'f1': 'abc' is not a number. Fix: correct the cell")]
    [InlineData("image_id,patient_id,f1\ni1,P1,1\ni1,P2,2\n", "features.csv: row 2 (line 3): image id 'i1' already appears in row 1 (line 2). Fix: make image ids unique")]
    [InlineData("image,patient_id,f1\ni1,P1,1\n", "features.csv: header: has no column 'image_id' (did you mean 'image'?)")]
    [InlineData("image_id,patient_id,f1\ni1,P1,\n", "features.csv: row 1 (line 2), column 'f1': value is missing or not finite. Fix: impute it")]
    public async Task BadFeatureTablesNameTheFileTheRecordAndTheFix(string csv, string expected)
    {
        Write("features.csv", csv);
        Write("gene.tsv", "patient_id\tG1\nP1\t1\nP2\t2\n");
        var report = await RunAsync(FetchOnly);
        Assert.Equal(StageStatus.Failed, report["fetch"].Status);
        Assert.StartsWith(expected, report["fetch"].Error);
        Assert.Null(report["fetch"].Record); // nothing cached
    }

    [Fact]
    public async Task DuplicatePatientInAGenomicTableIsAnError()
    {
        Write("features.csv", "image_id,patient_id,f1\ni1,P1,1\n");
        Write("gene.tsv", "patient_id\tG1\nP1\t1\nP1\t2\n");
        Assert.StartsWith("gene.tsv: row 2 (line 3): patient 'P1' already appears in row 1 (line 2)", (await RunAsync(FetchOnly))["fetch"].Error);
    }

    [Fact]
    public async Task AssociateRecoversThePlantedExampleAssociationsAndMatchesADirectFit()
    {
        foreach (var file in new[] { "features.csv", "gene.tsv", "pathway.tsv", "signature.tsv", "truth.tsv" })
            File.Copy(Path.Combine(RepositoryPaths.Root, "workflows/example", file), Path.Combine(_root, file));
        var report = await RunAsync("""
            workflow: example
            stages:
              - id: fetch
                uses: fetch.tables
                inputs:
                  features: features.csv
                  genomics: [gene.tsv, pathway.tsv, signature.tsv]
              - id: associate
                uses: associate.lme
                needs: [fetch]
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));
        var table = ParquetFile.Read(ObjectPath(report, "associate", "associations"));
        Assert.Equal(64 * 28, table.RowCount);
        var truth = File.ReadLines(Path.Combine(_root, "truth.tsv")).Skip(1).Select(l => l.Split('\t')).Select(f => (f[0], f[1])).ToHashSet();
        var feature = table.GetStrings("feature");
        var genomic = table.GetStrings("genomic_feature");
        var q = table.GetNullableDoubles("q");
        int truePositives = 0, falsePositives = 0;
        for (int i = 0; i < table.RowCount; i++)
            if (q[i] < 0.05)
            {
                if (truth.Contains((genomic[i]!, feature[i]!))) truePositives++;
                else falsePositives++;
            }
        double recall = (double)truePositives / truth.Count, fdp = (double)falsePositives / Math.Max(1, truePositives + falsePositives);
        Assert.True(recall >= 0.8, $"recall {recall:P0}");
        Assert.True(fdp <= 0.2, $"false discovery proportion {fdp:P0}");
        Assert.Equal(0, table.GetNullableInt32s("kernel")[0]);

        // Summaries: the planted drivers lead Table 3, Table 2 counts every pair once, the heatmap is a PNG.
        var summary = ParquetFile.Read(ObjectPath(report, "associate", "summary"));
        Assert.Equal(new string?[] { "GENE01", "PATH_A", "SIG_X" }, summary.GetStrings("genomic_feature").Take(3).Order(StringComparer.Ordinal));
        var kernels = ParquetFile.Read(ObjectPath(report, "associate", "kernel_summary"));
        Assert.Equal(64 * 28, kernels.GetInt32s("tested_pairs").Sum());
        Assert.Equal(truePositives + falsePositives, kernels.GetInt32s("significant_pairs").Sum());
        var ranked = ParquetFile.Read(ObjectPath(report, "associate", "feature_summary"));
        Assert.True(ranked.GetInt32s("significant_genomic_features")[0] >= 1);
        var png = File.ReadAllBytes(ObjectPath(report, "associate", "heatmap"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        var top = File.ReadAllBytes(ObjectPath(report, "associate", "heatmap_top"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, top[..4]);

        // The stage's numbers are the library's numbers for that pair.
        var fm = FeatureMatrix.Read(ObjectPath(report, "fetch", "features"));
        var patients = fm.PatientIds.Distinct().Order(StringComparer.Ordinal).ToList();
        var genes = ParquetFile.Read(ObjectPath(report, "fetch", "genomic"));
        var g01 = genes.GetNullableDoubles("GENE01");
        var byPatient = genes.GetStrings("patient_id").Select((p, i) => (p, i)).ToDictionary(x => x.p!, x => g01[x.i]!.Value);
        var fit = LinearMixedModel.Fit(fm.Column(0), fm.PatientIds.Select(p => patients.IndexOf(p)).ToArray(), patients.Select(p => byPatient[p!]).ToArray());
        int row = Enumerable.Range(0, table.RowCount).First(i => feature[i] == "fea_0001" && genomic[i] == "GENE01");
        Assert.Equal(fit.Slope, table.GetNullableDoubles("beta")[row]);
        Assert.Equal(fit.SlopeP, table.GetNullableDoubles("p")[row]);
        Assert.Equal(38.0, table.GetNullableDoubles("df")[row]); // 40 patients − 2
    }

    [Fact]
    public async Task CorrelationStageAggregatesPerPatientAndMatchesCorTest()
    {
        foreach (var file in new[] { "features.csv", "gene.tsv", "pathway.tsv", "signature.tsv" })
            File.Copy(Path.Combine(RepositoryPaths.Root, "workflows/example", file), Path.Combine(_root, file));
        var report = await RunAsync("""
            workflow: correlation
            stages:
              - id: fetch
                uses: fetch.tables
                inputs:
                  features: features.csv
                  genomics: [gene.tsv, pathway.tsv, signature.tsv]
              - id: correlate
                uses: associate.correlation
                needs: [fetch]
                params: {method: spearman, aggregate: median}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));
        var table = ParquetFile.Read(ObjectPath(report, "correlate", "associations"));
        int row = Enumerable.Range(0, table.RowCount).First(i => table.GetStrings("feature")[i] == "fea_0017" && table.GetStrings("genomic_feature")[i] == "PATH_A");
        Assert.True(table.GetNullableDoubles("q")[row] < 0.05); // a planted pair

        // GENE20 is missing for one patient: that pair uses the 39 complete cases, as cor.test does.
        var fm = FeatureMatrix.Read(ObjectPath(report, "fetch", "features"));
        var patients = fm.PatientIds.Select(p => p!).Distinct().Order(StringComparer.Ordinal).ToList();
        var medians = PatientAggregation.Aggregate(fm, patients, median: true);
        var genes = ParquetFile.Read(ObjectPath(report, "fetch", "genomic"));
        var byPatient = genes.GetStrings("patient_id").Zip(genes.GetNullableDoubles("GENE20")).ToDictionary(x => x.First!, x => x.Second);
        var complete = Enumerable.Range(0, patients.Count).Where(p => byPatient[patients[p]] is not null).ToArray();
        var expected = SpearmanCorrelation.Test(complete.Select(p => medians[0][p]).ToArray(), complete.Select(p => byPatient[patients[p]]!.Value).ToArray());
        int g20 = Enumerable.Range(0, table.RowCount).First(i => table.GetStrings("feature")[i] == "fea_0001" && table.GetStrings("genomic_feature")[i] == "GENE20");
        Assert.Equal(39, table.GetInt32s("n")[g20]);
        Assert.Equal(expected.Estimate, table.GetNullableDoubles("estimate")[g20]);
        Assert.Equal(expected.PValue, table.GetNullableDoubles("p")[g20]);
    }

    [Theory]
    [InlineData("mean", 2.0, 4.0)]
    [InlineData("median", 1.5, 4.0)]
    public async Task NormalizeAggregatesEachPatientsImagesIntoOneRow(string aggregate, double p1, double p2)
    {
        // P1 has three images (1, 1.5, 3.5: mean 2, median 1.5), P2 one (4), P3 two (5, 2: both 3.5).
        Write("features.csv", "image_id,patient_id,f1,f2\ni1,P2,4,0\ni2,P1,1,0\ni3,P1,1.5,0\ni4,P1,3.5,0\ni5,P3,5,1\ni6,P3,2,1\n");
        Write("gene.tsv", "patient_id\tG1\nP1\t1\nP2\t2\nP3\t3\n");
        var report = await RunAsync(FetchOnly + "\n" + $$"""
              - id: normalize
                uses: normalize.features
                needs: [fetch]
                params: {method: none, aggregate: {{aggregate}}}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));
        var m = FeatureMatrix.Read(ObjectPath(report, "normalize", "features"));
        Assert.Equal(["P1", "P2", "P3"], m.ImageIds);
        Assert.Equal(["P1", "P2", "P3"], m.PatientIds);
        Assert.Equal(p1, m.Columns[0][0]);
        Assert.Equal(p2, m.Columns[0][1]);
        Assert.Equal(3.5, m.Columns[0][2]);
        Assert.Equal([0.0, 0.0, 1.0], m.Columns[1]);

        // A NaN image value makes the patient's value NaN, as R's mean and median with na.rm = FALSE.
        var withNaN = new FeatureMatrix(["a", "b", "c"], ["P1", "P1", "P2"], ["f"], [[double.NaN, 1, 2]]);
        var reduced = PatientAggregation.ToPatientLevel(withNaN, median: aggregate == "median");
        Assert.True(double.IsNaN(reduced.Columns[0][0]));
        Assert.Equal(2.0, reduced.Columns[0][1]);
    }

    [Fact]
    public void TopHeatmapKeepsTheFeaturesWithTheSmallestQ()
    {
        // 4 radiomic × 3 genomic features; q row-major. Smallest per row: 0.5, 0.01, none (NaN), 0.2; per column: 0.2, 0.01, 0.3.
        double[] q =
        [
            0.9, 0.5, 0.7,
            0.3, 0.01, 0.3,
            double.NaN, double.NaN, double.NaN,
            0.2, 0.6, 0.8,
        ];
        var summaries = new AssociationSummaries(["a", "b", "c", "d"], [null, null, null, null], ["x", "y", "z"], _ => "genomic", q, 0.05);
        var (rows, columns) = summaries.Top(2, 2);
        Assert.Equal([1, 3], rows);      // b (0.01) and d (0.2), in input order
        Assert.Equal([0, 1], columns);   // x (0.2) and y (0.01)
        Assert.Equal([0, 1, 2, 3], summaries.Top(10, 10).Rows);
    }
}
