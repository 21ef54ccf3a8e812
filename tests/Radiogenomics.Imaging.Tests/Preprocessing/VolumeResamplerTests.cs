using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Preprocessing;

public class VolumeResamplerTests
{
    /// <summary>Oblique, anisotropic: directions of the synthetic series, 0.8 × 1.0 × 2.5 mm.</summary>
    private static readonly VolumeGeometry Oblique = PreprocessingFixtures.Grid(20, 16, 8, 0.8, 1.0, 2.5) with
    {
        Origin = new Vector3D(-120.5, 33.25, 10),
        RowDirection = new Vector3D(0.6, 0.8, 0),
        ColumnDirection = new Vector3D(0, 0, -1),
        SliceDirection = new Vector3D(-0.8, 0.6, 0),
    };

    private static double Field(Vector3D p) => 0.5 * p.X - 2 * p.Y + 3 * p.Z + 7;

    private static ImageVolume LinearField(VolumeGeometry g)
    {
        var volume = ImageVolume.Zeros(g, "linear field");
        for (var k = 0; k < g.Slices; k++)
        for (var j = 0; j < g.Rows; j++)
        for (var i = 0; i < g.Columns; i++)
        {
            volume[i, j, k] = (float)Field(g.IndexToPoint(i, j, k));
        }
        return volume;
    }

    [Theory]
    [InlineData(VolumeInterpolation.Linear, 1e-3)]
    [InlineData(VolumeInterpolation.BSpline, 1e-3)]
    public void ToIsotropic_ReproducesALinearFieldInPatientSpace(VolumeInterpolation interpolation, double tolerance)
    {
        var volume = LinearField(Oblique);

        var iso = VolumeResampler.ToIsotropic(volume, interpolation: interpolation);

        var g = iso.Geometry;
        Assert.Equal((20, 20, 25), (g.Columns, g.Rows, g.Slices)); // 16 mm / 0.8, 20 mm / 0.8
        Assert.Equal((0.8, 0.8, 0.8), (g.ColumnSpacing, g.RowSpacing, g.SliceSpacing));
        Assert.Equal(Oblique.Origin, g.Origin);
        Assert.Equal(Oblique.SliceDirection, g.SliceDirection);
        // Interior voxels (the spline's mirror boundary bends a linear field within a few voxels of the edge).
        var worst = 0.0;
        for (var k = 4; k < g.Slices - 5; k++)
        for (var j = 3; j < g.Rows - 4; j++)
        for (var i = 3; i < g.Columns - 4; i++)
        {
            worst = Math.Max(worst, Math.Abs(iso[i, j, k] - Field(g.IndexToPoint(i, j, k))));
        }
        Assert.True(worst < tolerance * 200, $"worst error {worst}"); // values reach ~±400: float precision
    }

    [Theory]
    [InlineData(VolumeInterpolation.Linear)]
    [InlineData(VolumeInterpolation.BSpline)]
    [InlineData(VolumeInterpolation.NearestNeighbour)]
    public void SameGrid_IsIdentity(VolumeInterpolation interpolation)
    {
        var volume = ImageVolume.Zeros(Oblique);
        var random = new Random(3);
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            volume.Voxels[n] = (float)random.NextDouble() * 1000;
        }

        var same = VolumeResampler.Resample(volume, Oblique, interpolation);

        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            Assert.Equal(volume.Voxels[n], same.Voxels[n], 0.05f);
        }
    }

    [Fact]
    public void BSpline_IsSmootherThanLinearOnACurvedField()
    {
        // A quadratic along the slice axis, upsampled 2.5 mm → 0.5 mm: the cubic spline follows the curve, linear chords cut it.
        var g = PreprocessingFixtures.Grid(4, 4, 24, 1, 1, 2.5);
        var volume = ImageVolume.Zeros(g);
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            var z = n / 16 * 2.5;
            volume.Voxels[n] = (float)(z * z);
        }
        double Error(VolumeInterpolation m)
        {
            var fine = VolumeResampler.ToIsotropic(volume, 0.5, m);
            return Enumerable.Range(10, 41).Max(k => Math.Abs(fine[1, 1, k] - (k * 0.5) * (k * 0.5)));
        }

        Assert.True(Error(VolumeInterpolation.BSpline) < 0.05, $"spline error {Error(VolumeInterpolation.BSpline)}");
        Assert.True(Error(VolumeInterpolation.Linear) > 1, $"linear error {Error(VolumeInterpolation.Linear)}");
    }

    [Fact]
    public void ResampleMask_NearestNeighbourOntoTheImageGrid()
    {
        var image = ImageVolume.Zeros(PreprocessingFixtures.Grid(20, 20, 10), "image");
        // The mask is finer (0.5 mm) and offset by 2 mm along x: image voxel (i, j, k) ↔ mask voxel (2i − 4, 2j, 2k).
        var maskGrid = PreprocessingFixtures.Grid(30, 40, 20, 0.5, 0.5, 0.5) with { Origin = new Vector3D(2, 0, 0) };
        var mask = PreprocessingFixtures.Ball(maskGrid, (14, 20, 10), 4);

        var resampled = VolumeResampler.ResampleMask(mask, image);

        Assert.Equal(image.Geometry, resampled.Geometry);
        Assert.All(resampled.Voxels, v => Assert.True(v is 0 or 1));
        var expected = PreprocessingFixtures.Ball(image.Geometry, (9, 10, 5), 4);
        Assert.Equal(expected.Voxels, resampled.Voxels);
    }

    [Fact]
    public void ResampleMask_MaskOutsideTheImage_SaysHowFar()
    {
        var image = ImageVolume.Zeros(PreprocessingFixtures.Grid(10, 10, 10), "image");
        var mask = ImageVolume.Zeros(image.Geometry with { Origin = new Vector3D(0, 0, 12) }, "seg.nii.gz");
        mask[5, 5, 3] = 1; // at z = 15 mm, 5.5 mm beyond the image's last slice edge (9.5 mm)

        var e = Assert.Throws<GeometryMismatchException>(() => VolumeResampler.ResampleMask(mask, image));

        Assert.Equal(5.5, e.OriginOffsetMm, 9);
        Assert.Contains("seg.nii.gz reaches outside image: 1 of its 1 voxels > 0 lie outside the image grid, up to 5.5 mm beyond its edge", e.Message);
    }

    [Fact]
    public void DirectionMismatch_IsReportedInDegrees()
    {
        var image = ImageVolume.Zeros(PreprocessingFixtures.Grid(10, 10, 10), "image");
        var c = Math.Cos(Math.PI / 36);
        var s = Math.Sin(Math.PI / 36);
        var rotated = ImageVolume.Zeros(image.Geometry with { RowDirection = new Vector3D(c, s, 0), ColumnDirection = new Vector3D(-s, c, 0) }, "mask");

        var e = Assert.Throws<GeometryMismatchException>(() => GeometryMismatchException.ThrowIfDifferent(image, rotated));

        Assert.Equal(5, e.DirectionDifferenceDegrees, 6);
        Assert.Contains("directions differ by up to 5°", e.Message);
    }

    [Fact]
    public void AssembledSeries_ToIsotropic_KeepsPatientPositions()
    {
        using var temp = new TempDirectory();
        var phases = PhaseSplitter.Split(SyntheticSeries.Write(temp.Path));
        var volume = VolumeAssembler.Assemble(phases[0]);

        var iso = VolumeResampler.ToIsotropic(volume, 0.625, VolumeInterpolation.NearestNeighbour);

        // Slice spacing 2.5 → 0.625: every 4th resampled slice is an original one, same voxel values.
        Assert.Equal(SyntheticSeries.Slices * 4, iso.Slices);
        Assert.Equal(volume[3, 5, 2], iso[3, 6, 8]); // rows 0.75 mm → 0.625: row 6 lies at 3.75 mm = original row 5
    }
}
