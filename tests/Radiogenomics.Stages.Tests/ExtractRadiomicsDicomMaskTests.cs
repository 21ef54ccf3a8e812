using System.Globalization;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// extract.radiomics with DICOM SEG and RTSTRUCT masks in a PyRadiomics batch CSV, through the engine. The masks are
/// the Imaging tests' goldens (tests/Radiogenomics.Imaging.Tests/golden/masks, pydicom), whose voxels are known.
/// </summary>
public sealed class ExtractRadiomicsDicomMaskTests : IDisposable
{
    private static readonly string Golden = Path.Combine(RepositoryPaths.Root, "tests", "Radiogenomics.Imaging.Tests", "golden", "masks");
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-raddicom-" + Guid.NewGuid().ToString("N")[..10]);
    private VolumeGeometry _grid = null!;
    private float[] _image = null!;

    public ExtractRadiomicsDicomMaskTests() => Directory.CreateDirectory(Path.Combine(_root, "cases"));

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The generator's grid as a NIfTI image (intensity = column + 2·row + 3·slice), the SEG and the RTSTRUCT beside it.</summary>
    private void WriteCases(string csv)
    {
        var v = File.ReadAllLines(Path.Combine(Golden, "geometry.csv"))[1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        _grid = new VolumeGeometry
        {
            Columns = (int)v[0], Rows = (int)v[1], Slices = (int)v[2], ColumnSpacing = v[3], RowSpacing = v[4], SliceSpacing = v[5],
            Origin = new(v[6], v[7], v[8]), RowDirection = new(v[9], v[10], v[11]), ColumnDirection = new(v[12], v[13], v[14]),
        };
        _image = new float[_grid.VoxelCount];
        for (int k = 0; k < _grid.Slices; k++)
            for (int r = 0; r < _grid.Rows; r++)
                for (int c = 0; c < _grid.Columns; c++) _image[_grid.Index(c, r, k)] = c + 2 * r + 3 * k;
        NiftiWriter.Write(Path.Combine(_root, "cases", "image.nii.gz"), _grid, _image);
        foreach (var name in new[] { "seg_binary.dcm", "rtstruct.dcm", "seg_offgrid.dcm" }) File.Copy(Path.Combine(Golden, name), Path.Combine(_root, "cases", name));
        File.WriteAllText(Path.Combine(_root, "cases", "batch.csv"), csv);
    }

    private async Task<RunReport> Run(string options)
    {
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), $$"""
            workflow: radiomics-dicom-masks
            stages:
              - id: radiomics
                uses: extract.radiomics
                inputs: {batch: [cases/batch.csv, cases/*.nii.gz, cases/*.dcm]}
                params: {families: [morphology, intensity-based statistics]{{options}}}
            """);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        return await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>(count, mean intensity) of the golden voxels.</summary>
    private (int Count, double Mean) Planted(string expected)
    {
        var voxels = File.ReadAllLines(Path.Combine(Golden, expected)).Skip(1).Select(l => l.Split(',').Select(int.Parse).ToArray()).ToList();
        return (voxels.Count, voxels.Average(a => (double)_image[_grid.Index(a[0], a[1], a[2])]));
    }

    [Fact]
    public async Task SegAndRtStructMasks_GiveTheFeaturesOfTheirKnownVoxels()
    {
        // The Label column chooses the SEG's segment number and the RTSTRUCT's ROI number.
        WriteCases("ID,Image,Mask,Label\nseg-tumour,image.nii.gz,seg_binary.dcm,1\nseg-oedema,image.nii.gz,seg_binary.dcm,2\nrt-gtv,image.nii.gz,rtstruct.dcm,7\n");
        var report = await Run("");
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var rows = ParquetFile.Read(new ContentStore(new Workspace(_root)).PathOf(report["radiomics"].Record!.Outputs["radiomics"].Sha256));
        Assert.Equal(["seg-tumour", "seg-oedema", "rt-gtv"], rows.GetStrings("patient_id"));
        var volumes = rows.GetDoubles("original_shape_VoxelVolume");
        var means = rows.GetDoubles("original_firstorder_Mean");
        string[] expected = ["expected_seg_tumour.csv", "expected_seg_oedema.csv", "expected_rt_gtv_xor.csv"];
        for (int i = 0; i < expected.Length; i++)
        {
            var (count, mean) = Planted(expected[i]);
            // The NIfTI image stores its spacing as float32 (0.9 mm → 0.89999998): volumes agree to 1e-6 relative.
            Assert.Equal(count * _grid.VoxelVolume, volumes[i], 1e-6 * count * _grid.VoxelVolume);
            Assert.Equal(mean, means[i], 1e-4);
        }
    }

    [Fact]
    public async Task UnknownRoi_AndFramesOffTheGrid_NamePatientFileAndFix()
    {
        WriteCases("ID,Image,Mask\nP1,image.nii.gz,rtstruct.dcm\nP2,image.nii.gz,seg_offgrid.dcm\n");
        var report = await Run(", roi: PTV, segment: tumour");
        Assert.False(report.Succeeded);
        var error = report["radiomics"].Error ?? "";
        Assert.Contains("rtstruct.dcm", error);
        Assert.Contains("patient P1", error);
        Assert.Contains("'GTV' (7), 'Oedema' (3), 'Marker' (9)", error);
        Assert.Contains("seg_offgrid.dcm", error);
        Assert.Contains("patient P2", error);
        Assert.Contains("0.8 mm from the nearest slice plane", error);
    }

    [Fact]
    public async Task MaskRegions_TwoSegments_OneRowPerPatient_RegionPrefixedColumns()
    {
        // Smedley & Hsu's layout: two regions of one patient (here the SEG's tumour and oedema segments) side by side.
        WriteCases("ID,Image,Mask\nP1,image.nii.gz,seg_binary.dcm\n");
        var report = await Run(", mask_regions: [enhancing=tumour, oedema=2]");
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var features = ParquetFile.Read(new ContentStore(new Workspace(_root)).PathOf(report["radiomics"].Record!.Outputs["features"].Sha256));
        Assert.Equal(["P1"], features.GetStrings("patient_id"));
        var (enhancing, _) = Planted("expected_seg_tumour.csv");
        var (oedema, oedemaMean) = Planted("expected_seg_oedema.csv");
        Assert.Equal(enhancing * _grid.VoxelVolume, features.GetDoubles("enhancing_image_original_shape_VoxelVolume")[0], 1e-6 * enhancing * _grid.VoxelVolume);
        Assert.Equal(oedema * _grid.VoxelVolume, features.GetDoubles("oedema_image_original_shape_VoxelVolume")[0], 1e-6 * oedema * _grid.VoxelVolume);
        Assert.Equal(oedemaMean, features.GetDoubles("oedema_image_original_firstorder_Mean")[0], 1e-4);
    }

    [Fact]
    public async Task MaskRegions_OfANiftiLabelMap_AreLabelValues()
    {
        WriteCases("ID,Image,Mask\nP1,image.nii.gz,labels.nii.gz\n");
        var labels = new byte[_grid.VoxelCount];
        foreach (var (file, value) in new[] { ("expected_seg_tumour.csv", (byte)1), ("expected_seg_oedema.csv", (byte)2) })
            foreach (var a in File.ReadAllLines(Path.Combine(Golden, file)).Skip(1).Select(l => l.Split(',').Select(int.Parse).ToArray()))
                labels[_grid.Index(a[0], a[1], a[2])] = value;
        NiftiWriter.Write(Path.Combine(_root, "cases", "labels.nii.gz"), _grid, labels);
        var report = await Run(", mask_regions: [enhancing=1, oedema=2]");
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var features = ParquetFile.Read(new ContentStore(new Workspace(_root)).PathOf(report["radiomics"].Record!.Outputs["features"].Sha256));
        var (oedema, _) = Planted("expected_seg_oedema.csv");
        Assert.Equal(oedema * _grid.VoxelVolume, features.GetDoubles("oedema_image_original_shape_VoxelVolume")[0], 1e-6 * oedema * _grid.VoxelVolume);

        var refused = await Run(", mask_regions: [enhancing=1, oedema=edema]");
        Assert.False(refused.Succeeded);
        Assert.Contains("'edema' is not a label value of this NIfTI mask", refused["radiomics"].Error);
        Assert.Contains("labels.nii.gz", refused["radiomics"].Error);
    }
}
