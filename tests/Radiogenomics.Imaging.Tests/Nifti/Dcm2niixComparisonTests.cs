using System.Diagnostics;
using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Nifti;

/// <summary>
/// Our DICOM → NIfTI path (VolumeAssembler + NiftiWriter) against dcm2niix (Debian dcm2niix) on one small oblique series
/// with a fractional rescale slope: the two files hold the same voxels at the same positions, compared through each file's
/// affine (dcm2niix flips the rows) and its scl_slope/scl_inter (see VolumeComparison).
/// </summary>
public class Dcm2niixComparisonTests
{
    [Fact]
    public void OurNiftiHoldsTheSameVoxelsAsDcm2niix()
    {
        const string Dcm2niix = "/usr/bin/dcm2niix";
        if (!File.Exists(Dcm2niix)) Assert.Skip("dcm2niix is not installed (apt-get install dcm2niix): no reference converter to compare with");
        using var temp = new TempDirectory();
        var geometry = SyntheticSeries.Geometry with { Slices = 5 };
        var voxels = new float[geometry.VoxelCount];
        for (int i = 0; i < voxels.Length; i++) voxels[i] = -100f + 0.5f * ((i * 37) % 1500);
        string dicom = Path.Combine(temp.Path, "dicom"), reference = Path.Combine(temp.Path, "dcm2niix");
        Directory.CreateDirectory(reference);
        var files = new MrSeriesWriter(SyntheticSeries.Uids, maxDegreeOfParallelism: 1)
            .Write(dicom, SyntheticSeries.Info(), geometry, MrVolumeData.FromFloat(voxels, rescaleSlope: 0.5, rescaleIntercept: -100), TestContext.Current.CancellationToken);

        string ours = Path.Combine(temp.Path, "ours.nii");
        NiftiWriter.Write(ours, VolumeAssembler.Assemble(files));
        using (var process = Process.Start(new ProcessStartInfo(Dcm2niix, ["-z", "n", "-b", "n", "-f", "vol", "-o", reference, Path.GetDirectoryName(files[0])!])
               { RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            string log = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"dcm2niix failed: {log}");
        }
        var theirs = NiftiReader.Read(Assert.Single(Directory.GetFiles(reference, "*.nii")));
        var mine = NiftiReader.Read(ours);

        var result = VolumeComparison.Compare(mine, theirs);
        Assert.Equal(geometry.VoxelCount, result.Compared);
        Assert.Equal(0, result.Unmatched);
        Assert.Equal(0, result.MaxAbsDifference);
        Assert.True(result.MaxIndexOffset < 1e-3, $"voxel centres {result.MaxIndexOffset} of a voxel apart");
        // Not vacuous: the same files compared with the rows flipped do differ.
        var flipped = mine.WithVoxels(Enumerable.Range(0, mine.Voxels.Length).Select(i =>
        {
            var g = mine.Geometry;
            int c = i % g.Columns, r = i / g.Columns % g.Rows, s = i / g.SliceSize;
            return mine[c, g.Rows - 1 - r, s];
        }).ToArray());
        Assert.True(VolumeComparison.Compare(flipped, theirs).MaxAbsDifference > 0);
    }
}
