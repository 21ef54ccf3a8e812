using Radiogenomics.Statistics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// explore.tsne and explore.clusters through the engine on a small synthetic cohort (the latent programmes of
/// fetch.synthetic's patient_truth as features, its clinical table for labels): the embedding's rows and labels, a
/// rerun with the same seed equal, the clusters equal to LinkageTree on the same standardised rows, Fisher's p per label
/// equal to FisherExactTest on the written assignments, and bad settings named. (t-SNE and hclust are golden-tested
/// against Rtsne and hclust in Statistics.Tests.)
/// </summary>
public sealed class PatientStructureStageTests : IDisposable
{
    private readonly StageWorkspace _workspace = new("rg-structure");

    public void Dispose() => _workspace.Dispose();

    private const string Fetch = """
        workflow: structure
        stages:
          - id: fetch
            uses: fetch.synthetic
            params: {preset: small, patients: 40, image_size: 64, max_slices: 8, seed: 15}

        """;

    [Fact]
    public async Task EmbeddingAndClustersAreConsistentWithTheLibraries()
    {
        var report = await StageWorkspace.RunUncheckedAsync(_workspace.Root, Fetch + """
              - id: tsne
                uses: explore.tsne
                needs: [fetch]
                inputs: {features: fetch.patient_truth}
                params: {perplexity: 8, iterations: 300, labels: ["ER Status", Tumor]}

              - id: tsne_again
                uses: explore.tsne
                needs: [fetch]
                inputs: {features: fetch.patient_truth}
                params: {perplexity: 8, iterations: 300, labels: ["ER Status", Tumor], seed: 42}

              - id: clusters
                uses: explore.clusters
                needs: [fetch]
                inputs: {features: fetch.patient_truth}
                params: {linkage: complete, distance: correlation, clusters: 3}

            """, TestContext.Current.CancellationToken);
        foreach (var id in new[] { "tsne", "tsne_again", "clusters" }) Assert.True(report[id].Error is null, report[id].Error);

        var embedding = _workspace.Output(report, "tsne", "embedding");
        Assert.Equal(["id", "level", "patient_id", "x", "y", "ER Status", "Tumor"], embedding.ColumnNames);
        Assert.Equal(40, embedding.RowCount); // patient_truth is patient-level: no image map
        Assert.All(embedding.GetStrings("level"), l => Assert.Equal("patient", l));
        Assert.All(embedding.GetDoubles("x").Concat(embedding.GetDoubles("y")), v => Assert.True(double.IsFinite(v)));
        Assert.True(embedding.GetDoubles("x").Max() - embedding.GetDoubles("x").Min() > 1, "the map is spread out");
        Assert.Contains(embedding.GetStrings("ER Status"), v => v is not null);
        var again = _workspace.Output(report, "tsne_again", "embedding");
        Assert.Equal(embedding.GetDoubles("x"), again.GetDoubles("x"));

        var assignments = _workspace.Output(report, "clusters", "assignments");
        var patients = assignments.GetStrings("patient_id");
        var cluster = assignments.GetInt32s("cluster");
        Assert.Equal(40, patients.Length);
        Assert.Equal([1, 2, 3], cluster.Distinct().Order());

        // The same clusters from the library on the same standardised rows.
        var truth = Data.PatientValueTable.Read(_workspace.OutputPath(report, "fetch", "patient_truth"), "truth", []);
        var columns = truth.Columns
            .Select(c => patients.Select(p => c[truth.Patients.ToList().IndexOf(p!)]).ToArray())
            .Where(c => c.All(double.IsFinite) && c.Any(v => v != c[0])).ToList();
        foreach (var c in columns) ZScore.StandardizeInPlace(c);
        var rows = Enumerable.Range(0, 40).Select(i => columns.Select(c => c[i]).ToArray()).ToList();
        var tree = LinkageTree.Fit(Dissimilarities.Between(rows, DissimilarityMeasure.Correlation), Linkage.Complete);
        Assert.Equal(tree.Cut(3), cluster);
        var order = _workspace.Output(report, "clusters", "order");
        Assert.Equal(tree.Order.Select(i => patients[i]), order.GetStrings("patient_id"));
        var heatmap = _workspace.Output(report, "clusters", "heatmap");
        Assert.Equal(order.GetStrings("patient_id"), heatmap.GetStrings("patient_id"));
        Assert.Equal(columns.Count + 1, heatmap.ColumnCount);

        var enrichment = _workspace.Output(report, "clusters", "enrichment");
        var labels = enrichment.GetStrings("label");
        Assert.Contains("ER Status", labels);
        Assert.DoesNotContain("Age at Initial Pathologic Diagnosis", labels); // numeric with many values: not categorical
        int er = Array.IndexOf(labels, "ER Status");
        var erValues = assignments.GetStrings("ER Status");
        var levels = erValues.Where(v => v is not null).Distinct().Order(StringComparer.Ordinal).ToList();
        var counts = new int[levels.Count, 3];
        for (int i = 0; i < 40; i++) if (erValues[i] is { } v) counts[levels.IndexOf(v), cluster[i] - 1]++;
        Assert.Equal(FisherExactTest.PValue(counts), enrichment.GetNullableDoubles("p")[er]!.Value, 12);
        var p = enrichment.GetNullableDoubles("p").Select(v => v ?? double.NaN).ToArray();
        var q = BenjaminiHochberg.Adjust(p);
        Assert.Equal(q[er], enrichment.GetNullableDoubles("q")[er]!.Value, 12);
    }

    // One failing stage per run: a failure stops the run scheduling further stages.
    [Theory]
    [InlineData("{}", "too few for perplexity 30 (t-SNE needs patients − 1 ≥ 3 × perplexity). Fix: set perplexity to at most 13")]
    [InlineData("{levels: images, perplexity: 5}", "no images to embed")]
    public async Task BadSettingsAreNamed(string parameters, string message)
    {
        var report = await StageWorkspace.RunUncheckedAsync(_workspace.Root, Fetch + $$"""
              - id: tsne
                uses: explore.tsne
                needs: [fetch]
                inputs: {features: fetch.patient_truth}
                params: {{parameters}}

            """, TestContext.Current.CancellationToken);
        Assert.NotNull(report["tsne"].Error);
        Assert.Contains(message, report["tsne"].Error);
    }

    [Fact]
    public async Task LabelsWithoutAClinicalTableAreNamed()
    {
        var report = await StageWorkspace.RunUncheckedAsync(_workspace.Root, Fetch + """
              - id: clusters
                uses: explore.clusters
                needs: [fetch]
                inputs: {features: fetch.patient_truth, clinical: fetch.patient_truth}
                params: {labels: [no_such_label]}

            """, TestContext.Current.CancellationToken);
        Assert.NotNull(report["clusters"].Error);
        Assert.Contains("no column 'no_such_label'", report["clusters"].Error);
    }

    // A clinical column named like one of the embedding's own columns (x here) must neither collide with nor replace it.
    [Theory]
    [InlineData("labels: [x]", true)]
    [InlineData("perplexity: 5", false)]
    public async Task ClinicalColumnsNamedLikeTheStagesOwnColumnsAreNamedOrLeftOut(string parameters, bool named)
    {
        var random = new Random(7);
        string features = "image_id,patient_id,f1,f2,f3\n" + string.Concat(Enumerable.Range(0, 24).Select(i =>
            FormattableString.Invariant($"i{i},p{i},{random.NextDouble()},{random.NextDouble()},{random.NextDouble()}\n")));
        File.WriteAllText(Path.Combine(_workspace.Root, "features.csv"), features);
        File.WriteAllText(Path.Combine(_workspace.Root, "genes.csv"), "patient_id,g\n" + string.Concat(Enumerable.Range(0, 24).Select(i => $"p{i},{i}\n")));
        File.WriteAllText(Path.Combine(_workspace.Root, "clinical.csv"),
            "patient_id,x,grade\n" + string.Concat(Enumerable.Range(0, 24).Select(i => $"p{i},{(i % 2 == 0 ? "a" : "b")},G{i % 3}\n")));
        var report = await StageWorkspace.RunUncheckedAsync(_workspace.Root, $$"""
            workflow: clash
            stages:
              - id: fetch
                uses: fetch.tables
                inputs: {features: features.csv, genomics: [genes.csv], clinical: clinical.csv}
              - id: tsne
                uses: explore.tsne
                needs: [fetch]
                inputs: {features: fetch.features, clinical: fetch.clinical}
                params: {perplexity: 5, iterations: 250{{(named ? ", " + parameters : "")}}}

            """, TestContext.Current.CancellationToken);
        if (named)
        {
            Assert.NotNull(report["tsne"].Error);
            Assert.Contains("column 'x'", report["tsne"].Error);
            Assert.Contains("own output columns", report["tsne"].Error);
            return;
        }
        Assert.Null(report["tsne"].Error);
        var warnings = report["tsne"].Record!.Facts.TryGetValue(Radiogenomics.Engine.Stages.StageContext.WarningsFact, out var w) && w is System.Text.Json.JsonElement e
            ? e.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
        Assert.Contains(warnings, x => x.Contains("clinical column(s) x not shown as labels", StringComparison.Ordinal));
        var embedding = _workspace.Output(report, "tsne", "embedding");
        Assert.Equal(["id", "level", "patient_id", "x", "y", "grade"], embedding.ColumnNames);
        Assert.All(embedding.GetDoubles("x"), v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void ThePatientStructureWorkflowValidates()
    {
        var engine = new Radiogenomics.Engine.Execution.WorkflowEngine(new Radiogenomics.Engine.Caching.Workspace(_workspace.Root), StageCatalog.CreateRegistry());
        var workflow = engine.Load(Path.Combine(RepositoryPaths.Root, "workflows/patient-structure.yaml"));
        Assert.Equal("explore.tsne", workflow["tsne"].Kind.Name);
        Assert.Equal("ward_d2", workflow["clusters"].Parameters.GetString("linkage"));
        // The feature stages are the default workflow's, so a run after ./build.sh reuses them from the cache.
        var defaults = engine.Load(Path.Combine(RepositoryPaths.Root, "workflows/default.yaml"));
        foreach (var id in new[] { "fetch", "preprocess", "extract", "normalize" })
            Assert.Equal(defaults[id].Parameters.ToCanonicalJson(), workflow[id].Parameters.ToCanonicalJson());
    }
}
