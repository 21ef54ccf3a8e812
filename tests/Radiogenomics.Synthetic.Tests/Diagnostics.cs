using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Radiogenomics.Synthetic.Tests;

/// <summary>
/// Explicit, assertion-free measurements for tuning and reporting: per-patient tissue fractions and tumour parameters, and the
/// time to generate the whole default cohort. Run with
/// <c>tests/Radiogenomics.Synthetic.Tests/bin/Release/net10.0/Radiogenomics.Synthetic.Tests -explicit only -method "*Diagnostics*"</c>;
/// reports go to $TMPDIR/rg-synthetic-tests/.
/// </summary>
public class Diagnostics
{
    private static string Dir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rg-synthetic-tests");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact(Explicit = true)]
    public void TissueAndTumourReport()
    {
        var cohort = TestCohorts.Small;
        var sb = new StringBuilder();
        sb.AppendLine("patient\tdensity\tfgt_fraction\tdiam_target\tdiam_mask\tspicules\tlobulation\tnecrosis\tpeak\tcurve\tpre_fgt\tpre_fat\tpre_muscle\tpost1_tumour\tmax");
        for (int i = 0; i < cohort.Patients.Count; i++)
        {
            var im = cohort.GenerateImaging(i);
            var lab = im.TissueLabels.Voxels;
            var pre = im.Phases[0].Image.Voxels;
            var post = im.Phases[1].Image.Voxels;
            double Mean(float[] img, TissueLabel l) { double s = 0; long n = 0; for (int v = 0; v < lab.Length; v++) if (lab[v] == (byte)l) { s += img[v]; n++; } return n > 0 ? s / n : double.NaN; }
            long fgt = lab.Count(b => b == (byte)TissueLabel.Fibroglandular), fat = lab.Count(b => b == (byte)TissueLabel.Fat);
            var t = im.Patient.Tumour;
            sb.AppendLine(string.Join('\t', im.Patient.PatientId, im.Patient.Density, (fgt / (double)(fgt + fat)).ToString("0.000", CultureInfo.InvariantCulture),
                t.DiameterMm.ToString("0.0", CultureInfo.InvariantCulture), im.TumourEquivalentDiameterMm.ToString("0.0", CultureInfo.InvariantCulture),
                t.SpiculeCount, t.LobulationAmplitude.ToString("0.00", CultureInfo.InvariantCulture), t.NecrosisFraction.ToString("0.00", CultureInfo.InvariantCulture),
                t.PeakEnhancement.ToString("0.00", CultureInfo.InvariantCulture), t.CurveType,
                Mean(pre, TissueLabel.Fibroglandular).ToString("0", CultureInfo.InvariantCulture), Mean(pre, TissueLabel.Fat).ToString("0", CultureInfo.InvariantCulture),
                Mean(pre, TissueLabel.Muscle).ToString("0", CultureInfo.InvariantCulture), Mean(post, TissueLabel.Tumour).ToString("0", CultureInfo.InvariantCulture),
                im.Phases.Max(ph => ph.Image.Voxels.Max())));
        }
        File.WriteAllText(Path.Combine(Dir(), "tissue-report.tsv"), sb.ToString());
    }

    /// <summary>Writes the small cohort's non-imaging files to $TMPDIR/rg-synthetic-tests/sample-files (images and masks: run fetch.synthetic).</summary>
    [Fact(Explicit = true)]
    public void WriteSampleFiles()
    {
        var dir = Path.Combine(Dir(), "sample-files");
        CohortFileWriter.WriteNonImaging(TestCohorts.Small, dir);
    }

    /// <summary>Single-threaded time per rendering stage over the 12 small-cohort patients (after one warm-up patient).</summary>
    [Fact(Explicit = true)]
    public void StageTimes()
    {
        var cohort = TestCohorts.Small;
        cohort.GenerateImaging(0);
        var totals = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        PhantomRenderer.StageTimer = (stage, t) => totals.AddOrUpdate(stage, t.TotalMilliseconds, (_, v) => v + t.TotalMilliseconds);
        long voxels = 0;
        try { for (int i = 0; i < cohort.Patients.Count; i++) { var im = cohort.GenerateImaging(i); voxels += (long)im.Geometry.VoxelCount * im.Phases.Count; } }
        finally { PhantomRenderer.StageTimer = null; }
        var sb = new StringBuilder();
        foreach (var (stage, ms) in totals) sb.AppendLine(FormattableString.Invariant($"{stage}\t{ms / cohort.Patients.Count:0.0} ms/patient"));
        sb.AppendLine(FormattableString.Invariant($"phase voxels {voxels / 1e6:0} M"));
        File.WriteAllText(Path.Combine(Dir(), "stages.txt"), sb.ToString());
    }

    /// <summary>Full-resolution pre and first post-contrast slices of one patient (PATIENT env var, default 0), 2× enlarged.</summary>
    [Fact(Explicit = true)]
    public void SinglePatientSlices()
    {
        int index = int.Parse(Environment.GetEnvironmentVariable("PATIENT") ?? "0", CultureInfo.InvariantCulture);
        var im = TestCohorts.Small.GenerateImaging(index);
        int k = im.TumourCentreSlice + int.Parse(Environment.GetEnvironmentVariable("SLICE_OFFSET") ?? "0", CultureInfo.InvariantCulture);
        var g = im.Geometry;
        var pre = im.Phases[0].Image.Slice(k).ToArray();
        var post = im.Phases[1].Image.Slice(k).ToArray();
        float max = pre.Concat(post).OrderBy(v => v).ElementAt((int)(0.995 * 2 * pre.Length));
        int w = 2 * g.Columns * 2, h = 2 * g.Rows;
        var px = new byte[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                var src = x < 2 * g.Columns ? pre : post;
                int c = (x % (2 * g.Columns)) / 2, r = y / 2;
                px[y * w + x] = (byte)Math.Clamp(src[r * g.Columns + c] / max * 255, 0, 255);
            }
        File.WriteAllBytes(Path.Combine(Dir(), $"patient{index}.png"), Plotting.PngFile.EncodeGrey(w, h, px));
    }

    /// <summary>Time to render all volumes of the 110-patient cohort (two passes: the first warms the JIT and the array pool).</summary>
    [Fact(Explicit = true)]
    public void CohortGenerationTime()
    {
        var sw = Stopwatch.StartNew();
        var cohort = SyntheticCohort.Generate(CohortSpec.Default);
        double omics = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var dir = Path.Combine(Dir(), "files");
        CohortFileWriter.WriteNonImaging(cohort, dir);
        double files = sw.Elapsed.TotalSeconds;
        Directory.Delete(dir, recursive: true);

        var sb = new StringBuilder();
        sb.AppendLine(FormattableString.Invariant($"cores {Environment.ProcessorCount}"));
        sb.AppendLine(FormattableString.Invariant($"omics+clinical+truth (110 x {cohort.Genes.Count}) {omics:0.00} s"));
        sb.AppendLine(FormattableString.Invariant($"non-imaging files {files:0.00} s"));
        for (int pass = 0; pass < 2; pass++)
        {
            long voxels = 0, slices = 0;
            sw.Restart();
            cohort.GenerateAllImaging(im =>
            {
                Interlocked.Add(ref voxels, (long)im.Geometry.VoxelCount * im.Phases.Count);
                Interlocked.Add(ref slices, (long)im.Geometry.Slices * im.Phases.Count);
            }, cancellationToken: TestContext.Current.CancellationToken);
            sb.AppendLine(FormattableString.Invariant($"imaging pass {pass}: {sw.Elapsed.TotalSeconds:0.00} s, {slices} slices, {voxels / 1e9:0.000} Gvoxels, {voxels / sw.Elapsed.TotalSeconds / 1e6:0} Mvoxel/s"));
        }
        File.WriteAllText(Path.Combine(Dir(), "timing.txt"), sb.ToString());
    }
}
