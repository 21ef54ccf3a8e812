using System.IO.Compression;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>extract.radiomics with PyRadiomics' image types, parameter file, batch CSV and voxel maps, through the engine.</summary>
public sealed class ExtractRadiomicsFilterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-radfilters-" + Guid.NewGuid().ToString("N")[..10]);

    public ExtractRadiomicsFilterTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<RunReport> Run(string stages)
    {
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), "workflow: radiomics-filters\nstages:\n" + stages);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        return await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
    }

    private string Stored(RunReport report, string stage, string output) => new ContentStore(new Workspace(_root)).PathOf(report[stage].Record!.Outputs[output].Sha256);

    [Fact]
    public async Task WaveletAndLoG_OnTheSyntheticCohort_PyRadiomicsNames_AndVoxelMaps()
    {
        var report = await Run("""
              - id: fetch
                uses: fetch.synthetic
                params: {preset: small, patients: 3, image_size: 64, max_slices: 12, seed: 5}
              - id: radiomics
                uses: extract.radiomics
                needs: [fetch]
                params: {image_types: [original, wavelet, log], log_sigma_mm: [2], wavelet: haar, phases: [1], discretisation: fixed-bin-number, bin_count: 16,
                         voxel_features: [original_firstorder_Mean, wavelet-HHH_glcm_Contrast]}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var rows = ParquetFile.Read(Stored(report, "radiomics", "radiomics"));
        Assert.Contains("wavelet-LLH_firstorder_Mean", rows.ColumnNames);
        Assert.Contains("wavelet-LLL_glcm_Contrast", rows.ColumnNames);
        Assert.Contains("log-sigma-2-0-mm-3D_glszm_ZoneEntropy", rows.ColumnNames);
        Assert.DoesNotContain(rows.ColumnNames, c => c.StartsWith("wavelet-", StringComparison.Ordinal) && c.Contains("_shape_"));
        // 103 original + 9 derived images (8 wavelet, 1 LoG) × 92 (all of PyRadiomics' non-shape classes less MCC).
        Assert.Equal(103 + 9 * 92, rows.ColumnNames.Count(c => c.StartsWith("original_", StringComparison.Ordinal) || c.StartsWith("wavelet-", StringComparison.Ordinal) || c.StartsWith("log-", StringComparison.Ordinal)));

        using var zip = ZipFile.OpenRead(Stored(report, "radiomics", "voxel_maps"));
        Assert.Equal(rows.RowCount * 2, zip.Entries.Count);
        var entry = zip.Entries.First(e => e.Name.EndsWith("_original_firstorder_Mean.nii.gz", StringComparison.Ordinal));
        string file = Path.Combine(_root, "map.nii.gz");
        entry.ExtractToFile(file);
        var map = NiftiReader.Read(file);
        // The map's mean over the region's voxels is the mean of 3×3×3-kernel means: within the image's range.
        var mean = rows.GetDoubles("original_firstorder_Mean")[0];
        var inside = map.Voxels.Where(v => v != 0).ToArray();
        Assert.NotEmpty(inside);
        Assert.InRange(inside.Average(v => (double)v), mean * 0.5, mean * 1.5);
    }

    private (string Image, string Mask) WriteCase(string name, int seed)
    {
        var g = new VolumeGeometry { Columns = 20, Rows = 18, Slices = 10, ColumnSpacing = 1, RowSpacing = 1, SliceSpacing = 2 };
        var random = new Random(seed);
        var image = new float[g.VoxelCount];
        var mask = new byte[g.VoxelCount];
        for (int z = 0; z < g.Slices; z++)
        for (int y = 0; y < g.Rows; y++)
        for (int x = 0; x < g.Columns; x++)
        {
            int v = g.Index(x, y, z);
            bool inside = Math.Pow((x - 10) / 6.0, 2) + Math.Pow((y - 9) / 5.0, 2) + Math.Pow((z - 5) / 3.0, 2) <= 1;
            image[v] = 100 + random.Next(0, 50) + (inside ? 200 : 0);
            mask[v] = (byte)(inside ? 2 : 0);
        }
        Directory.CreateDirectory(Path.Combine(_root, "cases"));
        NiftiWriter.Write(Path.Combine(_root, "cases", name + ".nii.gz"), g, image);
        NiftiWriter.Write(Path.Combine(_root, "cases", name + "_mask.nii.gz"), g, mask);
        return (Path.Combine(_root, "cases", name + ".nii.gz"), Path.Combine(_root, "cases", name + "_mask.nii.gz"));
    }

    [Fact]
    public async Task BatchCsvAndParameterFile_AsPyRadiomicsUsersWriteThem()
    {
        var (image, mask) = WriteCase("a", 1);
        WriteCase("b", 2);
        File.WriteAllText(Path.Combine(_root, "cases", "batch.csv"), "ID,Image,Mask,Reader\nA,a.nii.gz,a_mask.nii.gz,r1\nB,b.nii.gz,b_mask.nii.gz,r2\n");
        File.WriteAllText(Path.Combine(_root, "params.yaml"), """
            imageType:
              Original: {}
              Square: {}
            featureClass:
              firstorder: [Mean, Energy]
              glcm:
            setting:
              binWidth: 25
              label: 2
              voxelArrayShift: 10
            """);
        var stage = """
              - id: radiomics
                uses: extract.radiomics
                inputs: {params: params.yaml, batch: [cases/batch.csv, cases/*.nii.gz]}
            """;
        var report = await Run(stage);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var rows = ParquetFile.Read(Stored(report, "radiomics", "radiomics"));
        Assert.Equal(["A", "B"], rows.GetStrings("patient_id"));
        Assert.Equal(["r1", "r2"], rows.GetStrings("Reader"));
        var featureColumns = rows.ColumnNames.Where(c => c.StartsWith("original_", StringComparison.Ordinal) || c.StartsWith("square_", StringComparison.Ordinal)).ToList();
        // featureClass: 2 first-order + 23 GLCM features (MCC is not computed) per image type.
        Assert.Equal(2 * (2 + 23), featureColumns.Count);
        Assert.Contains("square_glcm_Contrast", featureColumns);

        // The library on the same files: label 2, shifted energy.
        var (img, msk) = (NiftiReader.Read(image), NiftiReader.Read(mask));
        var inside = Enumerable.Range(0, msk.Voxels.Length).Where(v => msk.Voxels[v] == 2).Select(v => (double)img.Voxels[v]).ToArray();
        Assert.Equal(inside.Average(), rows.GetDoubles("original_firstorder_Mean")[0], 4);
        Assert.Equal(inside.Sum(x => (x + 10) * (x + 10)), rows.GetDoubles("original_firstorder_Energy")[0], 1e-6 * inside.Sum(x => (x + 10) * (x + 10)));

        // A CSV row whose mask is not among the inputs would not rerun the stage when it changes: refused.
        File.WriteAllText(Path.Combine(_root, "cases", "batch.csv"), "ID,Image,Mask\nA,a.nii.gz,../elsewhere_mask.nii.gz\n");
        File.Copy(mask, Path.Combine(_root, "elsewhere_mask.nii.gz"));
        var refused = await Run(stage);
        Assert.False(refused.Succeeded);
        Assert.Contains("is not among the batch input's files", refused["radiomics"].Error);
        Assert.Contains("row 1", refused["radiomics"].Error);
    }

    [Fact]
    public async Task UnknownParameterKey_FailsNamingKeyFileAndLine()
    {
        WriteCase("a", 1);
        File.WriteAllText(Path.Combine(_root, "cases", "batch.csv"), "Image,Mask\na.nii.gz,a_mask.nii.gz\n");
        File.WriteAllText(Path.Combine(_root, "params.yaml"), "setting:\n  binWidth: 25\n  resampledPixelSpaccing: [1, 1, 1]\n");
        var report = await Run("""
              - id: radiomics
                uses: extract.radiomics
                inputs: {params: params.yaml, batch: [cases/batch.csv, cases/*.nii.gz]}
            """);
        Assert.False(report.Succeeded);
        var error = report["radiomics"].Error ?? "";
        Assert.Contains("params.yaml", error);
        Assert.Contains("line 3", error);
        Assert.Contains("'resampledPixelSpaccing' is not a PyRadiomics setting", error);
    }
}
