using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// preprocess.dce selects series and phases from the index its fetch stage wrote, not by parsing every header again
/// (issue 11, item 8): the read-back index chooses what a fresh folder scan chooses, and files it did not choose are
/// never opened.
/// </summary>
public sealed class DicomIndexReadBackTests
{
    [Fact]
    public async Task TheIndexTablesSelectWhatAFolderScanSelectsAndOnlyTheChosenFilesAreOpened()
    {
        using var workspace = new StageWorkspace("rg-index");
        var report = await workspace.RunAsync("""
            workflow: index
            stages:
              - id: fetch
                uses: fetch.synthetic
                params: {preset: small, patients: 4, image_size: 64, max_slices: 8, seed: 31}
            """, TestContext.Current.CancellationToken);
        Table Output(string name) => workspace.Output(report, "fetch", name);
        var instances = Output("dicom_instances");

        var fromTables = DicomIndexTables.Read(Output("dicom_series"), instances, workspace.Root);
        var scanned = DicomSeriesIndex.Build(fromTables.Root, new DicomIndexOptions(), TestContext.Current.CancellationToken);
        Assert.Equal(scanned.Instances.Count, fromTables.Instances.Count);
        Assert.All(fromTables.Instances, h => Assert.True(h.FromIndex));
        foreach (var rule in new[] { new SeriesSelectionRule(), new SeriesSelectionRule { Choice = PhaseChoice.AcquisitionOrder, PhaseIndex = 2 } })
        {
            var a = SeriesSelector.Select(fromTables, rule);
            var b = SeriesSelector.Select(scanned, rule);
            Assert.Equal(4, a.Selected.Count);
            Assert.Equal(b.Exclusions, a.Exclusions);
            foreach (var (x, y) in a.Selected.Zip(b.Selected))
            {
                Assert.Equal(y.PatientId, x.PatientId);
                Assert.Equal(y.Series.SeriesInstanceUid, x.Series.SeriesInstanceUid);
                Assert.Equal(y.PhaseCount, x.PhaseCount);
                Assert.Equal(y.Phase.Criterion, x.Phase.Criterion);
                Assert.Equal(y.Files, x.Files);
                Assert.Equal(y.Assemble().Voxels, x.Assemble().Voxels);
            }
        }

        // Break every file the default rule does not choose: selection and assembly from the index still work, so
        // those files were not read (a folder scan now reports them).
        var chosen = SeriesSelector.Select(fromTables).Selected.SelectMany(s => s.Files).ToHashSet(StringComparer.Ordinal);
        var others = fromTables.Instances.Select(h => h.FilePath).Where(p => !chosen.Contains(p)).ToList();
        Assert.NotEmpty(others);
        foreach (var path in others) File.WriteAllText(path, "not DICOM");
        var again = SeriesSelector.Select(fromTables);
        Assert.Equal(4, again.Selected.Count);
        Assert.All(again.Selected, s => Assert.True(s.Assemble().Voxels.Length > 0));
        var rescanned = DicomSeriesIndex.Build(fromTables.Root, new DicomIndexOptions(), TestContext.Current.CancellationToken);
        Assert.Contains(rescanned.Problems, p => others.Contains(p.File));
    }
}
