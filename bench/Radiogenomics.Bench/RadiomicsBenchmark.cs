using System.Diagnostics;
using System.Globalization;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics;
using Radiogenomics.Imaging.Radiomics.Filters;
using Radiogenomics.Stages;
using Radiogenomics.Tables;

namespace Radiogenomics.Bench;

/// <summary>
/// extract.radiomics on the synthetic cohort: (1) the Yu et al. 2024 set (original + 8 wavelet images, tumour and
/// peritumoral ring) through the engine, features per second and per-voxel cost; (2) each family's cost per region
/// and per ROI voxel on the original image; (3) the filters against pywt.swtn and scipy.ndimage on the same boxes
/// (python3-pywt, python3-scipy) and the voxel maps' summed tables against per-kernel computation, as ratios measured
/// in this run. PyRadiomics itself is not installable here, so there is no end-to-end reference.
/// </summary>
public static class RadiomicsBenchmark
{
    public static int Run(int patients, int familyPatients, string dir, string python)
    {
        Directory.CreateDirectory(dir);
        Console.WriteLine($"radiomics benchmark: synthetic cohort of {patients} patients, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        string workflow = Path.Combine(dir, "radiomics-bench.yaml");
        File.WriteAllText(workflow, $$"""
            workflow: radiomics-bench
            stages:
              - id: fetch
                uses: fetch.synthetic
                params: {preset: default, patients: {{patients}}, seed: 2023}
              - id: yu
                uses: extract.radiomics
                needs: [fetch]
                params: {regions: [tumour, peritumoral], ring_mm: 5, phases: [1], image_types: [original, wavelet], discretisation: fixed-bin-number, bin_count: 32}
            """);
        var workspace = new Workspace(dir);
        var engine = new WorkflowEngine(workspace, StageCatalog.CreateRegistry());
        // The cohort once (cached across runs), then the radiomics stage forced, so that only it is timed.
        var cohort = engine.RunAsync(engine.Load(workflow), new RunRequest { Archive = false, Targets = ["fetch"] }).GetAwaiter().GetResult();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var report = cohort.Succeeded ? engine.RunAsync(engine.Load(workflow), new RunRequest { Archive = false, Targets = ["yu"], Force = true, Exclusive = true }).GetAwaiter().GetResult() : cohort;
        if (!report.Succeeded) throw new Exception("radiomics benchmark workflow failed: " + string.Join("; ", report.Stages.Select(s => s.Error)));
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var store = new ContentStore(workspace);
        string Stored(string stage, string output) => store.PathOf((stage == "fetch" ? cohort : report)[stage].Record!.Outputs[output].Sha256);
        double yuSeconds = report["yu"].Elapsed.TotalSeconds;
        var rows = ParquetFile.Read(Stored("yu", "radiomics"));
        int featureColumns = rows.ColumnNames.Count(c => c.StartsWith("original_", StringComparison.Ordinal) || c.StartsWith("wavelet-", StringComparison.Ordinal));
        long voxels = rows.GetStrings("diagnostics_Mask-original_VoxelNum").Sum(s => long.Parse(s!, CultureInfo.InvariantCulture));
        Console.WriteLine();
        Console.WriteLine($"Yu et al. set: {rows.RowCount} regions ({patients} patients × tumour and 5 mm ring, first post-contrast phase), {featureColumns} features each " +
            $"({featureColumns * rows.RowCount:N0} values), {voxels:N0} ROI voxels in all");
        Console.WriteLine($"| extract.radiomics (original + wavelet) | {yuSeconds:0.0} s | {featureColumns * rows.RowCount / yuSeconds:N0} features/s | {yuSeconds / rows.RowCount * 1000:0} ms per region | {yuSeconds / voxels * 1e6:0.0} µs per ROI voxel (all 9 images) | cohort (fetch.synthetic) not counted |");
        // On a shared machine the wall time mostly measures the other processes; CPU time is what the work costs.
        Console.WriteLine($"| CPU time of that run | {cpuSeconds:0.0} s | {cpuSeconds / rows.RowCount * 1000:0} ms per region | {cpuSeconds / voxels * 1e6:0.0} µs per ROI voxel | " +
            $"on {Environment.ProcessorCount} idle cores ≈ {cpuSeconds / Environment.ProcessorCount:0} s; load average now {LoadAverage()} |");

        // Per-family cost on the original image of the first patients' tumours.
        var instances = ParquetFile.Read(Stored("fetch", "dicom_instances"));
        var ids = instances.GetStrings("patient_id").Select(x => x!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(familyPatients).ToList();
        var index = DicomIndexTables.Read(ParquetFile.Read(Stored("fetch", "dicom_series")), instances, dir);
        var selected = SeriesSelector.Select(index, new SeriesSelectionRule { PhaseIndex = 1 }, ids).Selected.ToDictionary(s => s.PatientId, StringComparer.Ordinal);
        var masks = ParquetFile.Read(Stored("fetch", "masks"));
        var maskOf = masks.GetStrings("patient_id").Zip(masks.GetStrings("tumour_mask")).Where(p => p.First is not null).ToDictionary(p => p.First!, p => Path.Combine(dir, p.Second!), StringComparer.Ordinal);
        var cases = new List<(ImageVolume Image, ImageVolume Mask)>();
        foreach (var id in ids.Where(selected.ContainsKey))
        {
            var image = selected[id].Assemble();
            var mask = VolumeResampler.ResampleMask(NiftiReader.Read(maskOf[id]), image);
            var box = SubVolume.AroundMask(mask, 5 + LocalIntensityFeatures.SphereRadiusMm + 1)!;
            cases.Add((box.Cut(image), box.Cut(mask)));
        }
        long caseVoxels = cases.Sum(c => (long)c.Mask.Voxels.Count(v => v > 0));
        var settings = new RadiomicsSettings { Discretisation = DiscretisationMethod.FixedBinNumber, BinCount = 32, TextureAggregations = new HashSet<string> { "3D averaged", "3D" } };
        Console.WriteLine();
        Console.WriteLine($"Per family, original image, {cases.Count} tumours ({caseVoxels:N0} ROI voxels), one thread, PyRadiomics' 3-D aggregation:");
        Console.WriteLine("| family | ms per region | ns per ROI voxel |");
        Console.WriteLine("|---|---|---|");
        var clock = new Stopwatch();
        foreach (var family in RadiomicsExtractor.AllFamilies)
        {
            var only = settings with { Families = new HashSet<string> { family } };
            clock.Restart();
            foreach (var (image, mask) in cases) RadiomicsExtractor.Extract(image, mask, null, only);
            double s = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"| {family} | {s / cases.Count * 1000:0.0} | {s / caseVoxels * 1e9:N0} |");
        }

        // Filters against pywt / scipy on the same boxes.
        string boxes = Path.Combine(dir, "boxes.f32"), shapes = Path.Combine(dir, "shapes.txt");
        using (var w = new BinaryWriter(File.Create(boxes))) foreach (var (image, _) in cases) foreach (var v in image.Voxels) w.Write(v);
        File.WriteAllLines(shapes, cases.Select(c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Image.Columns} {c.Image.Rows} {c.Image.Slices} {c.Image.Geometry.ColumnSpacing} {c.Image.Geometry.RowSpacing} {c.Image.Geometry.SliceSpacing}")));
        double Best(Action a, int repeats = 3)
        {
            double best = double.PositiveInfinity;
            for (int r = 0; r < repeats; r++) { clock.Restart(); a(); best = Math.Min(best, clock.Elapsed.TotalSeconds); }
            return best;
        }
        double ourWavelet = Best(() => { foreach (var (image, _) in cases) UndecimatedWavelet.Decompose(image, "coif1"); });
        double ourLog = Best(() => { foreach (var (image, _) in cases) LaplacianOfGaussian.Apply(image, 3.0); });
        string? reference = null;
        try
        {
            var psi = new ProcessStartInfo(python, $"\"{Path.Combine(AppContext.BaseDirectory, "radiomics_filters_timing.py")}\" \"{boxes}\" \"{shapes}\" coif1 3.0 3")
                { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(psi)!;
            reference = process.StandardOutput.ReadToEnd().Trim();
            string err = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) { Console.WriteLine($"reference failed (apt-get install python3-pywt python3-scipy): {err.Trim()}"); reference = null; }
        }
        catch (System.ComponentModel.Win32Exception) { Console.WriteLine($"{python} not found: no reference"); }
        long boxVoxels = cases.Sum(c => (long)c.Image.Voxels.Length);
        Console.WriteLine();
        Console.WriteLine($"Filters on the same {cases.Count} boxes ({boxVoxels:N0} voxels), one thread, best of 3:");
        Console.WriteLine("| filter | ours | reference (same run) | ratio ours/reference |");
        Console.WriteLine("|---|---|---|---|");
        var refs = reference?.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Console.WriteLine($"| wavelet coif1, 8 sub-bands | {ourWavelet * 1000:0} ms | {(refs is null ? "–" : $"{refs[0] * 1000:0} ms (pywt.swtn)")} | {(refs is null ? "–" : $"{ourWavelet / refs[0]:0.00}")} |");
        Console.WriteLine($"| LoG σ = 3 mm | {ourLog * 1000:0} ms | {(refs is null ? "–" : $"{refs[1] * 1000:0} ms (scipy.ndimage)")} | {(refs is null ? "–" : $"{ourLog / refs[1]:0.00}")} |");

        // Voxel maps: summed-volume tables against computing each kernel directly.
        var (mapImage, mapMask) = cases[0];
        var voxel = new PyRadiomicsVoxelSettings(KernelRadius: 2);
        string[] mapFeatures = ["firstorder_Mean", "firstorder_Variance", "firstorder_Entropy"];
        double fast = Best(() => VoxelFeatureMaps.Compute(mapImage, mapMask, settings, voxel, mapFeatures), 3);
        double direct = Best(() => VoxelFeatureMaps.Compute(mapImage, mapMask, settings, voxel, mapFeatures, useFastPath: false), 1);
        int mapVoxels = mapMask.Voxels.Count(v => v > 0);
        Console.WriteLine();
        Console.WriteLine($"Voxel maps (Mean, Variance, Entropy; 5×5×5 kernels) of one tumour ({mapVoxels:N0} voxels):");
        Console.WriteLine($"| summed-volume tables | {fast * 1000:0.0} ms | per-kernel computation (same run, all cores) | {direct * 1000:0} ms | ratio {fast / direct:0.000} |");
        return 0;
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; } catch (IOException) { return "unknown"; }
    }
}
