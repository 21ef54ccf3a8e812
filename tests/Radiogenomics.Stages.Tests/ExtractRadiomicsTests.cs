using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>extract.radiomics through the engine on a small synthetic cohort: regions × phases, names, truth, errors.</summary>
public sealed class ExtractRadiomicsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-radiomics-" + Guid.NewGuid().ToString("N")[..10]);

    public ExtractRadiomicsTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<RunReport> Run(string extractParams, string evaluate = "")
    {
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), $$"""
            workflow: radiomics
            stages:
              - id: fetch
                uses: fetch.synthetic
                params: {preset: small, patients: 6, image_size: 64, max_slices: 16, seed: 5}
              - id: radiomics
                uses: extract.radiomics
                needs: [fetch]
                params: {{extractParams}}
            {{evaluate}}
            """);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        return await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
    }

    private Table Output(RunReport report, string stage, string output) =>
        ParquetFile.Read(new ContentStore(new Workspace(_root)).PathOf(report[stage].Record!.Outputs[output].Sha256));

    [Fact]
    public async Task TwoRegionsTwoPhases_OneRowEach_PatientLevelFeatures_MatchTheLibrary()
    {
        var report = await Run("{regions: [tumour, peritumoral], phases: [0, 1], ring_mm: 4, discretisation: fixed-bin-number, bin_count: 16}");
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var rows = Output(report, "radiomics", "radiomics");
        var masks = Output(report, "fetch", "masks");
        int patients = masks.RowCount;
        Assert.Equal(patients * 4, rows.RowCount);
        Assert.Contains("diagnostics_Mask-original_VoxelNum", rows.ColumnNames);
        Assert.Contains("original_glcm_Contrast", rows.ColumnNames);
        Assert.Contains("original_firstorder_Kurtosis", rows.ColumnNames);

        var features = FeatureMatrix.Read(new ContentStore(new Workspace(_root)).PathOf(report["radiomics"].Record!.Outputs["features"].Sha256));
        Assert.Equal(FeatureLevel.Patient, features.Level);
        Assert.Equal(patients, features.ImageCount);
        Assert.Contains("tumour_phase1_original_shape_MeshVolume", features.FeatureNames);
        Assert.Contains("peritumoral_phase0_original_glszm_ZoneEntropy", features.FeatureNames);

        // Rows: per patient tumour phase0, phase1, then the ring, whose bounding box holds the tumour's.
        var voxelNum = rows.GetStrings("diagnostics_Mask-original_VoxelNum").Select(s => int.Parse(s!)).ToArray();
        var box = rows.GetStrings("diagnostics_Mask-original_BoundingBox").Select(s => s!.Trim('(', ')').Split(", ").Select(int.Parse).ToArray()).ToArray();
        var region = rows.GetStrings("region");
        var sequence = rows.GetStrings("sequence");
        for (int i = 0; i < rows.RowCount; i += 4)
        {
            Assert.Equal("tumour,tumour,peritumoral,peritumoral", string.Join(",", region[i..(i + 4)]));
            Assert.Equal("phase0,phase1,phase0,phase1", string.Join(",", sequence[i..(i + 4)]));
            Assert.True(voxelNum[i + 3] > 0 && voxelNum[i + 1] > 1);
            var (t, ring) = (box[i + 1], box[i + 3]);
            for (int axis = 0; axis < 3; axis++)
                Assert.True(ring[axis] <= t[axis] && ring[axis] + ring[axis + 3] >= t[axis] + t[axis + 3], $"ring box {string.Join(",", ring)} vs tumour {string.Join(",", t)}");
        }

        // The stage's value is the library's on the same volume and mask.
        string patient = masks.GetStrings("patient_id")[0]!;
        var tumourVolume = features.Column(features.FeatureNames.ToList().IndexOf("tumour_phase1_original_shape_VoxelVolume"));
        var mask = NiftiReader.Read(Path.Combine(_root, masks.GetStrings("tumour_mask")[0]!));
        double expected = mask.Voxels.Count(v => v > 0) * mask.Geometry.VoxelVolume;
        int row = Array.IndexOf(features.PatientIds, patient);
        Assert.True(Math.Abs(expected - tumourVolume[row]) < 1e-6 * expected, $"{tumourVolume[row]} vs {expected} mm³"); // NIfTI spacings are float32
    }

    [Fact]
    public async Task SizeAndEnhancement_AreRecoveredByTheirNaturalFeatures()
    {
        var report = await Run("{discretisation: fixed-bin-number, bin_count: 16}", """
              - id: evaluate
                uses: evaluate.truth
                needs: [fetch, radiomics]
                params: {permutations: 50}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var properties = Output(report, "evaluate", "properties");
        var names = properties.GetStrings("property");
        var best = properties.GetStrings("best_feature");
        var r = properties.GetDoubles("best_r");
        int diameter = Array.IndexOf(names, "diameter_mm");
        Assert.True(diameter >= 0, string.Join(", ", names));
        Assert.True(Math.Abs(r[diameter]) > 0.9, $"diameter best |r| {r[diameter]} ({best[diameter]})");
    }

    [Fact]
    public async Task MissingLabel_FailsNamingPatientFileAndFix_OrIsSkippedIntoTheErrorsTable()
    {
        var failed = await Run("{label: 7}");
        Assert.False(failed.Succeeded);
        var error = failed["radiomics"].Error ?? "";
        Assert.Contains("no voxel has label 7", error);
        Assert.Contains("patient ", error);
        Assert.Contains(".nii", error);
        Assert.Contains("set label to one of the labels present", error);

        var skipped = await Run("{label: 7, on_error: skip}");
        Assert.True(skipped.Succeeded, string.Join("; ", skipped.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        Assert.True(Output(skipped, "radiomics", "errors").RowCount > 0);
    }
}
