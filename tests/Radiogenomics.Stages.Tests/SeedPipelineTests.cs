using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// The seed study's pipeline end to end on a tiny synthetic cohort: DICOM → series/phase selection → 64×64 tensors →
/// denoising-autoencoder features → z-score → linear mixed models against ssGSEA pathway scores.
/// </summary>
public sealed class SeedPipelineTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-seed-" + Guid.NewGuid().ToString("N")[..10]);

    public SeedPipelineTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task RunsFromDicomToAssociations()
    {
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), """
            workflow: seed
            stages:
              - id: fetch
                uses: fetch.synthetic
                params: {preset: small, patients: 6, image_size: 64, max_slices: 8, seed: 11}
              - id: genomics
                uses: genomics.features
                needs: [fetch]
                params: {signatures: false}
              - id: preprocess
                uses: preprocess.dce
                needs: [fetch]
                params: {manufacturer: "^GE"}
              - id: extract
                uses: extract.dae
                needs: [preprocess]
                params: {epochs: 2, threads: 1}
              - id: normalize
                uses: normalize.features
                needs: [extract]
                params: {method: zscore}
              - id: associate
                uses: associate.lme
                needs: [normalize, genomics]
            """);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        var report = await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));

        var store = new ContentStore(new Workspace(_root));
        Table Output(string stage, string output) => ParquetFile.Read(store.PathOf(report[stage].Record!.Outputs[output].Sha256));
        var selection = Output("preprocess", "selection");
        var exclusions = Output("preprocess", "exclusions");
        Assert.Equal(6, selection.RowCount + exclusions.RowCount); // every patient is kept or excluded with a reason
        Assert.All(selection.GetStrings("manufacturer"), m => Assert.StartsWith("GE", m));
        Assert.All(exclusions.GetStrings("reason"), r => Assert.False(string.IsNullOrWhiteSpace(r)));
        var tensors = Output("preprocess", "tensors");
        Assert.All(tensors.GetFloatArrays("pixels"), px => Assert.Equal(64 * 64, px!.Length));
        var associations = Output("associate", "associations");
        Assert.Equal(4096L * Output("genomics", "genomic_features").RowCount, associations.RowCount);
    }
}
