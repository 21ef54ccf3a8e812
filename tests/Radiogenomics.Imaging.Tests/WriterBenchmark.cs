using System.Diagnostics;
using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests;

/// <summary>
/// The synthetic-cohort workload: 110 patients × 40 slices × 4 phases of 256 × 256 (17,600 files, 2.3 GB).
/// Explicit (not in the normal run): Radiogenomics.Imaging.Tests -method "*WriterBenchmark*" -explicit only
/// </summary>
public class WriterBenchmark(ITestOutputHelper output)
{
    [Fact(Explicit = true)]
    public void SyntheticCohort_WritesWellUnderAMinute()
    {
        const int patients = 110, slices = 40, phases = 4, size = 256;
        var root = Environment.GetEnvironmentVariable("RADIOGENOMICS_IMAGING_BENCH_DIR") is { Length: > 0 } custom
            ? custom : Path.Combine(Path.GetTempPath(), "rg-imaging-bench");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
        var uids = DicomUidGenerator.Deterministic("bench");
        var writer = new MrSeriesWriter(uids);
        var geometry = new VolumeGeometry
        {
            Rows = size, Columns = size, Slices = slices, Origin = new Vector3D(-170, -170, -40),
            RowSpacing = 0.7, ColumnSpacing = 0.7, SliceSpacing = 2,
        };
        var random = new Random(11);
        var volumes = Enumerable.Range(0, phases).Select(_ =>
        {
            var voxels = new short[slices * size * size];
            for (var i = 0; i < voxels.Length; i++) voxels[i] = (short)random.Next(0, 4096);
            return MrVolumeData.FromInt16(voxels);
        }).ToArray();

        var files = 0;
        long bytes = 0;
        var stopwatch = Stopwatch.StartNew();
        for (var p = 0; p < patients; p++)
        {
            var patient = $"SYN-{p:D4}";
            var info = SyntheticSeries.Info(patient) with
            {
                StudyInstanceUid = uids.Create($"study/{patient}"),
                SeriesInstanceUid = uids.Create($"series/{patient}"),
            };
            var paths = writer.Write(Path.Combine(root, patient), info, geometry,
                volumes.Select((v, i) => new MrPhase { Pixels = v, TriggerTime = i * 90_000 }).ToList(), TestContext.Current.CancellationToken);
            files += paths.Count;
        }
        stopwatch.Stop();
        foreach (var file in Directory.EnumerateFiles(root, "*.dcm", SearchOption.AllDirectories))
        {
            bytes += new FileInfo(file).Length;
        }
        var seconds = stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"{files} files, {bytes / 1e6:F0} MB in {seconds:F1} s: {files / seconds:F0} files/s, {bytes / 1e6 / seconds:F0} MB/s " +
                         $"on {Environment.ProcessorCount} processors");

        var indexing = Stopwatch.StartNew();
        var index = DicomSeriesIndex.Build(root, cancellationToken: TestContext.Current.CancellationToken);
        output.WriteLine($"indexed {index.Instances.Count} files in {indexing.Elapsed.TotalSeconds:F1} s");
        Directory.Delete(root, recursive: true);

        Assert.Equal(patients * slices * phases, files);
        Assert.Equal(patients, index.Series.Count);
        Assert.Empty(index.Problems);
        Assert.True(seconds < 60, $"{seconds:F1} s");
    }
}
