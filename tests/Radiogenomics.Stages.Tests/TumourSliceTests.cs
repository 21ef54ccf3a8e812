using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>Tumour slices from the NIfTI masks: the mask must land on the enhancing tumour of the assembled DICOM volume.</summary>
public sealed class TumourSliceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-tumour-" + Guid.NewGuid().ToString("N")[..10]);

    public TumourSliceTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task TumourSlicesAreContiguousMatchTheMaskAndHoldTheBrightestVoxels()
    {
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), """
            workflow: tumour
            stages:
              - id: fetch
                uses: fetch.synthetic
                params: {preset: small, patients: 4, image_size: 64, max_slices: 16, seed: 5}
              - id: tumour
                uses: preprocess.dce
                needs: [fetch]
                params: {slices: tumour, normalisation: none, size: 64}
              - id: all
                uses: preprocess.dce
                needs: [fetch]
                params: {slices: all, normalisation: none, size: 64}
            """);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        var report = await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var store = new ContentStore(new Workspace(_root));
        Table Output(string stage, string output) => ParquetFile.Read(store.PathOf(report[stage].Record!.Outputs[output].Sha256));
        var tumour = Output("tumour", "tensors");
        var all = Output("all", "tensors");
        var masks = Output("fetch", "masks");

        foreach (var patient in masks.GetStrings("patient_id"))
        {
            var mask = NiftiReader.Read(Path.Combine(_root, masks.GetStrings("tumour_mask")[Array.IndexOf(masks.GetStrings("patient_id"), patient)]!));
            int maskSlices = Enumerable.Range(0, mask.Geometry.Slices).Count(k => mask.Slice(k).ToArray().Any(v => v > 0));
            var rows = Enumerable.Range(0, tumour.RowCount).Where(i => tumour.GetStrings("patient_id")[i] == patient).ToList();
            var slices = rows.Select(i => tumour.GetInt32s("slice_index")[i]).Order().ToList();
            Assert.Equal(maskSlices, slices.Count);
            Assert.Equal(slices[^1] - slices[0] + 1, slices.Count); // contiguous

            float Max(Table t, IEnumerable<int> r) => r.Max(i => t.GetFloatArrays("pixels")[i]!.Max());
            var allRows = Enumerable.Range(0, all.RowCount).Where(i => all.GetStrings("patient_id")[i] == patient).ToList();
            Assert.True(Max(tumour, rows) >= 0.95f * Max(all, allRows), $"{patient}: the tumour slices miss the brightest (enhancing) voxels");
        }
    }
}
