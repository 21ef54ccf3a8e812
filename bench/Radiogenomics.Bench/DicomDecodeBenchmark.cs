using System.Diagnostics;
using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Bench;

/// <summary>
/// Decoding speed of the preprocessing path (GDCM through our bindings, series in parallel, volumes assembled)
/// as a ratio against <c>gdcmconv --raw</c> decompressing the same RLE files, run with xargs over all cores; and,
/// as the converter radiologists use, <c>dcm2niix</c> turning each series into a NIfTI volume against our
/// assemble-and-write-NIfTI path (the same work: decode, sort, geometry, one .nii per series), and the two NIfTI outputs
/// compared voxel by voxel (<see cref="VolumeComparison"/>: max |difference| and voxels without a counterpart).
/// </summary>
public static class DicomDecodeBenchmark
{
    public static void Run(int series, int slices, string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        string raw = Path.Combine(dir, "raw"), rle = Path.Combine(dir, "rle"), decoded = Path.Combine(dir, "decoded");
        var writer = new MrSeriesWriter(DicomUidGenerator.Deterministic("bench"));
        var random = new Random(3);
        for (int s = 0; s < series; s++)
        {
            var voxels = new ushort[256 * 256 * slices];
            for (int i = 0; i < voxels.Length; i++) voxels[i] = (ushort)(800 + 400 * Math.Sin(i * 0.001) + random.Next(100));
            writer.Write(Path.Combine(raw, $"s{s:000}"), new MrSeriesInfo { PatientId = $"P{s:000}", StudyInstanceUid = $"2.25.1{s}", SeriesInstanceUid = $"2.25.2{s}" },
                new VolumeGeometry { Rows = 256, Columns = 256, Slices = slices, RowSpacing = 0.7, ColumnSpacing = 0.7, SliceSpacing = 2.5 },
                MrVolumeData.FromUInt16(voxels));
        }
        var rawFiles = Directory.EnumerateFiles(raw, "*.dcm", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var f in rawFiles) Directory.CreateDirectory(Path.GetDirectoryName(f.Replace(raw, rle))!);
        foreach (var f in rawFiles) Directory.CreateDirectory(Path.GetDirectoryName(f.Replace(raw, decoded))!);
        if (!Shell($"cd '{raw}' && find . -name '*.dcm' | xargs -P {Environment.ProcessorCount} -I{{}} gdcmconv --rle {{}} '{rle}'/{{}}", out _))
        {
            Console.WriteLine("gdcmconv (libgdcm-tools) is not installed: no reference to compare with");
            return;
        }
        Console.WriteLine($"DICOM decode benchmark: {series} series × {slices} slices of 256×256, RLE-compressed, {Environment.ProcessorCount} cores");

        Shell($"cd '{rle}' && find . -name '*.dcm' | xargs -P {Environment.ProcessorCount} -I{{}} gdcmconv --raw {{}} '{decoded}'/{{}}", out double reference);
        var clock = Stopwatch.StartNew();
        var seriesDirs = Directory.GetDirectories(rle);
        Parallel.ForEach(seriesDirs, d => VolumeAssembler.Assemble(Directory.GetFiles(d, "*.dcm")));
        double ours = clock.Elapsed.TotalSeconds;
        int files = rawFiles.Count;

        // dcm2niix anchor: one process per series folder, xargs over all cores, uncompressed NIfTI, no BIDS sidecar.
        string niiReference = Path.Combine(dir, "dcm2niix"), niiOurs = Path.Combine(dir, "ours");
        Directory.CreateDirectory(niiReference);
        Directory.CreateDirectory(niiOurs);
        bool haveDcm2niix = Shell($"cd '{rle}' && ls | xargs -P {Environment.ProcessorCount} -I{{}} sh -c 'mkdir -p \"{niiReference}/{{}}\" && dcm2niix -z n -b n -f vol -o \"{niiReference}/{{}}\" {{}} > /dev/null'", out double dcm2niix)
                           && Directory.EnumerateFiles(niiReference, "*.nii", SearchOption.AllDirectories).Count() == seriesDirs.Length;
        clock.Restart();
        Parallel.ForEach(seriesDirs, d => NiftiWriter.Write(Path.Combine(niiOurs, Path.GetFileName(d) + ".nii"), VolumeAssembler.Assemble(Directory.GetFiles(d, "*.dcm"))));
        double oursNifti = clock.Elapsed.TotalSeconds;

        Console.WriteLine();
        Console.WriteLine("| path | time | slices/s | ratio |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| VolumeAssembler (GDCM via bindings, series in parallel, rescale, sort, geometry checks) | {ours:0.00} s | {files / ours:N0} | {reference / ours:0.0}× |");
        Console.WriteLine($"| gdcmconv --raw, one process per file, xargs -P {Environment.ProcessorCount} | {reference:0.00} s | {files / reference:N0} | 1× |");
        Console.WriteLine();
        if (!haveDcm2niix)
        {
            Console.WriteLine("dcm2niix (Debian dcm2niix) is not installed or failed: no NIfTI-conversion anchor");
        }
        else
        {
            Console.WriteLine("| DICOM series → NIfTI | time | slices/s | ratio |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| VolumeAssembler + NiftiWriter, series in parallel | {oursNifti:0.00} s | {files / oursNifti:N0} | {dcm2niix / oursNifti:0.0}× |");
            Console.WriteLine($"| dcm2niix -z n, one process per series, xargs -P {Environment.ProcessorCount} | {dcm2niix:0.00} s | {files / dcm2niix:N0} | 1× |");
            // Same output? Each pair voxel by voxel, matched through the files' affines (dcm2niix flips the rows) and scl_slope/inter.
            int compared = 0, unmatched = 0;
            double maxDifference = 0, maxOffset = 0;
            foreach (var d in seriesDirs)
            {
                string name = Path.GetFileName(d);
                var result = VolumeComparison.Compare(NiftiReader.Read(Path.Combine(niiOurs, name + ".nii")),
                    NiftiReader.Read(Directory.GetFiles(Path.Combine(niiReference, name), "*.nii").Single()));
                compared += result.Compared;
                unmatched += result.Unmatched;
                maxDifference = Math.Max(maxDifference, result.MaxAbsDifference);
                maxOffset = Math.Max(maxOffset, result.MaxIndexOffset);
            }
            Console.WriteLine();
            Console.WriteLine($"NIfTI outputs voxel by voxel (positions through each file's sform, values after scl_slope/scl_inter): {compared:N0} voxels compared, " +
                $"{unmatched:N0} without a dcm2niix voxel at the same position, max |ours − dcm2niix| = {maxDifference:G4}, max centre offset {maxOffset:G2} voxel");
        }
        Directory.Delete(dir, recursive: true);
    }

    private static bool Shell(string command, out double seconds)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var p = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardError = true })!;
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            seconds = clock.Elapsed.TotalSeconds;
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            seconds = 0;
            return false;
        }
    }
}
