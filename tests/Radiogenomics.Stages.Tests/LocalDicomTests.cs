using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>fetch.local's DICOM index on files nobody here wrote: pydicom's test files (Debian's python3-pydicom).</summary>
public sealed class LocalDicomTests : IDisposable
{
    private const string PydicomFiles = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-dicom-" + Guid.NewGuid().ToString("N")[..10]);

    public LocalDicomTests()
    {
        Assert.True(Directory.Exists(PydicomFiles), $"{PydicomFiles} is missing: install python3-pydicom (./build.sh does)");
        Directory.CreateDirectory(Path.Combine(_root, "dicom/a"));
        Directory.CreateDirectory(Path.Combine(_root, "dicom/b"));
        File.Copy(Path.Combine(PydicomFiles, "MR_small.dcm"), Path.Combine(_root, "dicom/a/1.dcm"));
        File.Copy(Path.Combine(PydicomFiles, "MR_small_RLE.dcm"), Path.Combine(_root, "dicom/b/2.dcm"));
        File.Copy(Path.Combine(PydicomFiles, "MR_truncated.dcm"), Path.Combine(_root, "dicom/b/3.dcm"));
        File.WriteAllText(Path.Combine(_root, "dicom/notes.txt"), "not an image");
        Directory.CreateDirectory(Path.Combine(_root, "masks"));
        // fetch.local indexes masks (patient, path, hash); a gzip of an empty NIfTI-1 header is enough here.
        using (var gz = new System.IO.Compression.GZipStream(File.Create(Path.Combine(_root, "masks/TCGA-AA-0001_tumour.nii.gz")), System.IO.Compression.CompressionLevel.Fastest))
            gz.Write(BitConverter.GetBytes(348).Concat(new byte[348]).ToArray());
        File.WriteAllText(Path.Combine(_root, "masks/readme.txt"), "not a mask");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<RunReport> RunAsync(string onError)
    {
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), $"workflow: d\nstages:\n  - id: fetch\n    uses: fetch.local\n    inputs: {{dicom: dicom, masks: masks}}\n    params: {{on_error: {onError}}}\n");
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        return await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
    }

    private Table Output(RunReport report, string output) =>
        ParquetFile.Read(new ContentStore(new Workspace(_root)).PathOf(report["fetch"].Record!.Outputs[output].Sha256));

    [Fact]
    public async Task TruncatedFileStopsTheStageByDefault()
    {
        var report = await RunAsync("fail");
        Assert.Equal(StageStatus.Failed, report["fetch"].Status);
        Assert.StartsWith("dicom/b/3.dcm", report["fetch"].Error);
        Assert.Contains("runcated", report["fetch"].Error);
    }

    [Fact]
    public async Task IndexesSeriesAndListsEveryProblemWhenSkipping()
    {
        var report = await RunAsync("skip");
        Assert.True(report.Succeeded, report["fetch"].Error);
        var series = Output(report, "dicom_series");
        Assert.True(series.RowCount >= 1);
        Assert.All(series.GetStrings("modality"), m => Assert.Equal("MR", m));
        Assert.All(series.GetNullableInt32s("rows"), r => Assert.Equal(64, r));
        var instances = Output(report, "dicom_instances");
        Assert.Contains("dicom/a/1.dcm", instances.GetStrings("path"));
        Assert.DoesNotContain("dicom/b/3.dcm", instances.GetStrings("path"));
        var errors = Output(report, "errors");
        Assert.Contains(Enumerable.Range(0, errors.RowCount), i => errors.GetStrings("file")[i] == "dicom/b/3.dcm" && errors.GetStrings("reason")[i]!.Contains("runcated"));
        Assert.Contains("dicom/notes.txt", errors.GetStrings("file"));
        var masks = Output(report, "masks");
        Assert.Equal(new string?[] { "TCGA-AA-0001" }, masks.GetStrings("patient_id"));
        Assert.Contains("masks/readme.txt", errors.GetStrings("file"));
        var patients = Output(report, "patients");
        Assert.All(patients.GetBools("has_images"), Assert.True);
    }

    [Fact]
    public async Task APatientNameThatIsNotThePseudonymousIdIsWarnedAbout()
    {
        // pydicom's MR_small.dcm: PatientID 4MR1, PatientName CompressedSamples^MR1.
        var report = await RunAsync("skip");
        var facts = report["fetch"].Record!.Facts;
        Assert.True(facts.TryGetValue(Radiogenomics.Engine.Stages.StageContext.WarningsFact, out var warnings) && warnings is System.Text.Json.JsonElement,
            "fetch.local recorded no warnings");
        var lines = ((System.Text.Json.JsonElement)warnings!).EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Contains(lines, w => w.Contains("PatientName (0010,0010) that is not their PatientID") && w.Contains("4MR1") && w.Contains("de-identify"));
    }
}
