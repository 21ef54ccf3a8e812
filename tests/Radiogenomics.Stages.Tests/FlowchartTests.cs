using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// The seed study's flowchart (137 patients with MRI → 110 kept) reproduced on a synthetic cohort with a scanner mix:
/// the GE 1.5 T filter keeps exactly the patients the generator put on such scanners, and lists every other one.
/// </summary>
public sealed class FlowchartTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-flow-" + Guid.NewGuid().ToString("N")[..10]);

    public FlowchartTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task ScannerFilterKeepsExactlyThePlantedGe15TPatients()
    {
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), """
            workflow: flow
            stages:
              - id: fetch
                uses: fetch.synthetic
                params: {patients: 137, image_size: 64, max_slices: 8, seed: 137}
              - id: preprocess
                uses: preprocess.dce
                needs: [fetch]
                params: {manufacturer: "^GE", field_strength: 1.5, slices: central, central_slices: 1, size: 16}
            """);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        var report = await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var store = new ContentStore(new Workspace(_root));
        Table Output(string stage, string output) => ParquetFile.Read(store.PathOf(report[stage].Record!.Outputs[output].Sha256));

        var truth = Output("fetch", "patient_truth");
        var manufacturers = truth.GetStrings("manufacturer");
        var fields = truth.GetNullableDoubles("field_strength");
        int expected = Enumerable.Range(0, truth.RowCount).Count(i => manufacturers[i]!.StartsWith("GE", StringComparison.Ordinal) && Math.Abs(fields[i]!.Value - 1.5) < 0.1);

        var flowchart = Output("preprocess", "flowchart");
        Assert.Equal(137, flowchart.GetInt32s("patients")[0]);
        Assert.Equal(expected, flowchart.GetInt32s("patients")[^1]);
        Assert.InRange(expected, 60, 130); // the mix is mostly GE 1.5 T, as TCGA-BRCA
        var exclusions = Output("preprocess", "exclusions");
        Assert.Equal(137 - expected, exclusions.RowCount);
        Assert.All(exclusions.GetStrings("reason"), r => Assert.StartsWith("wrong scanner", r));
    }
}
