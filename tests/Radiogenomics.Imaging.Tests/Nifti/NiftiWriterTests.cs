using System.Diagnostics;
using Radiogenomics.Imaging.Preprocessing;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Nifti;

/// <summary>
/// The NIfTI-1 writer against an independent header reader, the product's reader (round trip) and nibabel when present.
/// The volumes are labelled ellipsoids on the synthetic cohort's sagittal grid (rows along +Y, columns along −Z).
/// </summary>
public sealed class NiftiWriterTests : IDisposable
{
    private static readonly VolumeGeometry Sagittal = new()
    {
        Columns = 40, Rows = 32, Slices = 12, ColumnSpacing = 0.7, RowSpacing = 0.7, SliceSpacing = 2.5,
        Origin = new Vector3D(95.5, -74.3, 31.2), RowDirection = new Vector3D(0, 1, 0), ColumnDirection = new Vector3D(0, 0, -1),
    };

    /// <summary>Labels 0–3: nested ellipsoids, so the data and their place in the grid are both checked.</summary>
    private static byte[] Labels(VolumeGeometry g)
    {
        var labels = new byte[g.VoxelCount];
        for (int k = 0; k < g.Slices; k++)
            for (int j = 0; j < g.Rows; j++)
                for (int i = 0; i < g.Columns; i++)
                {
                    double r = Math.Pow((i - 17.0) / 12, 2) + Math.Pow((j - 14.0) / 9, 2) + Math.Pow((k - 5.0) / 4, 2);
                    labels[g.Index(i, j, k)] = (byte)(r < 0.3 ? 3 : r < 0.6 ? 2 : r < 1 ? 1 : 0);
                }
        return labels;
    }

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rg-synthetic-tests", "nifti-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private string TempPath(string name)
    {
        Directory.CreateDirectory(_dir);
        return Path.Combine(_dir, name);
    }

    [Fact]
    public void MaskHeaderAndDataRoundTrip()
    {
        var g = Sagittal;
        var labels = Labels(g);
        var path = TempPath("mask.nii.gz");
        NiftiWriter.Write(path, g, labels, "tumour mask");
        var n = NiftiHeaderReader.Read(path);
        Assert.Equal(348, n.SizeOfHeader);
        Assert.Equal("n+1\0", n.Magic);
        Assert.Equal(352f, n.VoxOffset);
        Assert.Equal(new[] { 3, g.Columns, g.Rows, g.Slices, 1, 1, 1, 1 }, n.Dim);
        Assert.Equal(NiftiWriter.DataTypeUInt8, n.DataType);
        Assert.Equal(8, n.BitPix);
        Assert.Equal((float)g.ColumnSpacing, n.PixDim[1]);
        Assert.Equal((float)g.RowSpacing, n.PixDim[2]);
        Assert.Equal((float)g.SliceSpacing, n.PixDim[3]);
        Assert.Equal(1, Math.Abs(n.PixDim[0]));
        Assert.Equal(2, n.XyztUnits & 7);
        Assert.Equal(1, n.QformCode);
        Assert.Equal(1, n.SformCode);
        Assert.Equal(1f, n.SclSlope);
        Assert.Equal("tumour mask", n.Description);
        Assert.Equal(labels, n.Data);

        // The product's reader gives back the grid and the values.
        var volume = NiftiReader.Read(path);
        Assert.Equal((g.Columns, g.Rows, g.Slices), (volume.Columns, volume.Rows, volume.Slices));
        Assert.Equal(labels.Select(x => (float)x), volume.Voxels);
        foreach (var (i, j, k) in new[] { (0, 0, 0), (39, 31, 11), (17, 14, 5) })
        {
            var expected = g.IndexToPoint(i, j, k);
            var actual = volume.Geometry.IndexToPoint(i, j, k);
            Assert.Equal(expected.X, actual.X, 3);
            Assert.Equal(expected.Y, actual.Y, 3);
            Assert.Equal(expected.Z, actual.Z, 3);
        }
    }

    [Fact]
    public void SformMapsVoxelsToRasOfTheDicomPosition()
    {
        var g = Sagittal with { Origin = new Vector3D(-88.1, -60.4, 70) };
        var path = TempPath("labels.nii.gz");
        NiftiWriter.Write(path, g, Labels(g));
        var n = NiftiHeaderReader.Read(path);
        foreach (var (i, j, k) in new[] { (0, 0, 0), (39, 0, 0), (0, 31, 0), (0, 0, g.Slices - 1), (17, 13, 9) })
        {
            var lps = g.IndexToPoint(i, j, k);
            double x = n.Srow[0, 0] * i + n.Srow[0, 1] * j + n.Srow[0, 2] * k + n.Srow[0, 3];
            double y = n.Srow[1, 0] * i + n.Srow[1, 1] * j + n.Srow[1, 2] * k + n.Srow[1, 3];
            double z = n.Srow[2, 0] * i + n.Srow[2, 1] * j + n.Srow[2, 2] * k + n.Srow[2, 3];
            Assert.Equal(-lps.X, x, 3);
            Assert.Equal(-lps.Y, y, 3);
            Assert.Equal(lps.Z, z, 3);
        }
        // qform agrees with sform: same offsets, rotation × spacing = sform columns.
        Assert.Equal(n.Srow[0, 3], n.QoffsetX);
        Assert.Equal(n.Srow[1, 3], n.QoffsetY);
        Assert.Equal(n.Srow[2, 3], n.QoffsetZ);
        var rot = n.QformRotation();
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                Assert.Equal(n.Srow[r, c], rot[r, c] * n.PixDim[c + 1], 5);
    }

    public static TheoryData<double, double, double, double, double, double> Orientations => new()
    {
        { 1, 0, 0, 0, 1, 0 },        // axial
        { -1, 0, 0, 0, 1, 0 },       // axial, flipped rows (180° about y in RAS)
        { 1, 0, 0, 0, 0, -1 },       // coronal
        { 0, 1, 0, 0, 0, -1 },       // sagittal (the cohort's)
        { 0, -1, 0, 0, 0, -1 },      // sagittal, reversed
        { 0.8, 0.6, 0, -0.6, 0.8, 0 }, // oblique axial
        { 0.6, 0, -0.8, 0, -1, 0 },  // oblique with a ≈ 0 (tests the other quaternion branches)
    };

    [Theory]
    [MemberData(nameof(Orientations))]
    public void QuaternionReproducesAnyOrientation(double rx, double ry, double rz, double cx, double cy, double cz)
    {
        var g = new VolumeGeometry { Columns = 4, Rows = 5, Slices = 6, ColumnSpacing = 0.7, RowSpacing = 0.8, SliceSpacing = 2.5, Origin = new Vector3D(10, -20, 30), RowDirection = new Vector3D(rx, ry, rz), ColumnDirection = new Vector3D(cx, cy, cz) };
        var path = TempPath($"orient-{rx}-{ry}-{rz}-{cx}-{cy}-{cz}.nii");
        NiftiWriter.Write(path, g, new byte[g.VoxelCount]);
        var n = NiftiHeaderReader.Read(path);
        var rot = n.QformRotation();
        Vector3D[] columns = [g.RowDirection, g.ColumnDirection, g.SliceDirection];
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(-columns[c].X, rot[0, c], 5);
            Assert.Equal(-columns[c].Y, rot[1, c], 5);
            Assert.Equal(columns[c].Z, rot[2, c], 5);
        }
    }

    /// <summary>
    /// Cross-check with nibabel when /usr/bin/python3 has it (RG_PYTHONPATH, if set, is passed as PYTHONPATH, e.g. to an unpacked
    /// python3-nibabel .deb); otherwise skipped: never required.
    /// </summary>
    [Fact]
    public void NibabelReadsTheSameAffine()
    {
        if (!File.Exists("/usr/bin/python3") || Run("/usr/bin/python3", "-c \"import nibabel\"").ExitCode != 0)
            Assert.Skip("nibabel is not installed for /usr/bin/python3");
        var g = Sagittal;
        var labels = Labels(g);
        var path = TempPath("nibabel.nii.gz");
        NiftiWriter.Write(path, g, labels);
        var result = Run("/usr/bin/python3", $"-c \"import nibabel as nb, numpy as np; i=nb.load('{path}'); print(np.allclose(i.affine, i.get_qform(), atol=1e-3), int(np.asarray(i.dataobj).sum()), *np.round(i.affine[:3].ravel(), 3))\"");
        Assert.Equal(0, result.ExitCode);
        var parts = result.Output.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("True", parts[0]);
        Assert.Equal(labels.Sum(x => x), int.Parse(parts[1]));
        var ras = g.RasAffine();
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 4; c++)
                Assert.Equal(ras[r, c], double.Parse(parts[2 + 4 * r + c], System.Globalization.CultureInfo.InvariantCulture), 2);
    }

    private static (int ExitCode, string Output) Run(string file, string args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Environment.GetEnvironmentVariable("RG_PYTHONPATH") is { Length: > 0 } extra) info.Environment["PYTHONPATH"] = extra;
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output.Trim());
    }
}
