using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// The feature layout travels from extract through normalize to the association stages: with an autoencoder of
/// <c>size: 32</c> (16 kernels of 8×8) every kernel is reported as itself, not guessed from fea_NNNN with a 16×16 grid
/// (which made the 16 kernels 4 and put the associated kernel 1 into kernel 0).
/// </summary>
public sealed class FeatureLayoutStageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-layout-" + Guid.NewGuid().ToString("N")[..10]);

    public FeatureLayoutStageTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<RunReport> RunAsync()
    {
        // fetch.tables needs a feature table too (it keeps the genomic rows of imaged patients); the grid stage's
        // features reach the associations through normalize, the first need.
        File.WriteAllText(Path.Combine(_root, "unused.csv"), "image_id,patient_id,f1\n" + string.Concat(Enumerable.Range(0, GridFeaturesStage.Patients).Select(p => $"i{p},P{p:D2},1\n")));
        File.WriteAllText(Path.Combine(_root, "gene.tsv"), "patient_id\tG1\tG2\n" + string.Concat(Enumerable.Range(0, GridFeaturesStage.Patients)
            .Select(p => $"P{p:D2}\t{GridFeaturesStage.Planted(p).ToString(System.Globalization.CultureInfo.InvariantCulture)}\t{(p * 7 % 5) - 2}\n")));
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), """
            workflow: layout
            stages:
              - id: fetch
                uses: fetch.tables
                inputs:
                  features: unused.csv
                  genomics: [gene.tsv]
              - id: extract
                uses: test.grid_features
              - id: normalize
                uses: normalize.features
                needs: [extract]
                params: {method: zscore}
              - id: lme
                uses: associate.lme
                needs: [normalize, fetch]
                inputs: {features: normalize.features}
              - id: correlation
                uses: associate.correlation
                needs: [normalize, fetch]
                inputs: {features: normalize.features}
                params: {method: pearson}
            """);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry().Add(new GridFeaturesStage()), software: StageCatalog.Software());
        return await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest(), cancellationToken: TestContext.Current.CancellationToken);
    }

    private Table Output(RunReport report, string stage, string output) =>
        ParquetFile.Read(new ContentStore(new Workspace(_root)).PathOf(report[stage].Record!.Outputs[output].Sha256));

    [Fact]
    public async Task KernelsOfA32PixelAutoencoderComeFromItsFeatureMap()
    {
        var report = await RunAsync();
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));

        // normalize carries the map unchanged.
        var map = Output(report, "normalize", "feature_map");
        Assert.Equal(Enumerable.Range(0, 1024).Select(f => (int?)(f / 64)), map.GetNullableInt32s("kernel"));

        foreach (var stage in new[] { "lme", "correlation" })
        {
            var associations = Output(report, stage, "associations");
            var feature = associations.GetStrings("feature");
            var kernel = associations.GetNullableInt32s("kernel");
            for (int i = 0; i < associations.RowCount; i++)
                Assert.Equal((int.Parse(feature[i]![4..]) - 1) / 64, kernel[i]);
            Assert.Equal(16, kernel.Distinct().Count());
        }

        // Table 2 counts 16 kernels of 64 features × 2 genomic features; only kernel 1 associates with G1.
        var kernels = Output(report, "lme", "kernel_summary");
        Assert.Equal(Enumerable.Range(0, 16).Select(k => (int?)k), kernels.GetNullableInt32s("kernel"));
        Assert.All(kernels.GetInt32s("tested_pairs"), n => Assert.Equal(128, n));
        var significant = kernels.GetInt32s("significant_pairs");
        Assert.True(significant[1] >= 60, $"kernel 1: {significant[1]} significant pairs");
        Assert.True(significant.Where((_, k) => k != 1).Sum() <= 5, string.Join(", ", significant));
        var summary = Output(report, "lme", "summary");
        Assert.Equal("G1", summary.GetStrings("genomic_feature")[0]);
        Assert.StartsWith("kernel 1: ", summary.GetStrings("top_kernels")[0]);
    }
}
