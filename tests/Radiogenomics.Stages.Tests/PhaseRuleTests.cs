using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>The phase rules agree on the synthetic cohort (whose phase k has TemporalPositionIdentifier k + 1), and resampling works.</summary>
public sealed class PhaseRuleTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-phase-" + Guid.NewGuid().ToString("N")[..10]);

    public PhaseRuleTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task PhaseIndexTemporalPositionAndAcquisitionOrderPickTheSamePhase()
    {
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), """
            workflow: phases
            stages:
              - id: fetch
                uses: fetch.synthetic
                params: {preset: small, patients: 5, image_size: 128, max_slices: 8, seed: 9}
              - id: by-index
                uses: preprocess.dce
                needs: [fetch]
                params: {size: 16}
              - id: by-position
                uses: preprocess.dce
                needs: [fetch]
                params: {size: 16, phase_rule: temporal-position, temporal_position: 2}
              - id: by-time
                uses: preprocess.dce
                needs: [fetch]
                params: {size: 16, phase_rule: acquisition-order, phase_index: 1}
              - id: isotropic
                uses: preprocess.dce
                needs: [fetch]
                params: {size: 16, resample: linear}
            """);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        var report = await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        string Hash(string stage) => report[stage].Record!.Outputs["tensors"].Sha256;
        Assert.Equal(Hash("by-index"), Hash("by-position"));
        Assert.Equal(Hash("by-index"), Hash("by-time"));
        var store = new ContentStore(new Workspace(_root));
        int Rows(string stage) => ParquetFile.Read(store.PathOf(Hash(stage))).RowCount;
        // 128-pixel slices over 160–200 mm are ~1.4 mm in plane against 2–3 mm between slices: isotropic voxels add slices.
        Assert.True(Rows("isotropic") > 1.3 * Rows("by-index"), $"isotropic {Rows("isotropic")} vs {Rows("by-index")} slices");
    }
}
