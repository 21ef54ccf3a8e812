using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Preprocessing;

public class VolumeAssemblerTests
{
    [Fact]
    public void MultiPhaseSeries_ShuffledFiles_SplitsByTemporalPositionAndAssemblesEachPhase()
    {
        using var temp = new TempDirectory();
        var paths = SyntheticSeries.Write(temp.Path).ToList();
        var shuffled = paths.OrderBy(_ => 0).ToArray();
        new Random(7).Shuffle(shuffled);

        var phases = PhaseSplitter.Split(shuffled);

        Assert.Equal(SyntheticSeries.Phases, phases.Count);
        Assert.All(phases, p => Assert.Equal(PhaseCriterion.TemporalPositionIdentifier, p.Criterion));
        Assert.Equal([1, 2, 3], phases.Select(p => p.TemporalPositionIdentifier!.Value));
        var geometry = SyntheticSeries.Geometry;
        for (var p = 0; p < phases.Count; p++)
        {
            var volume = VolumeAssembler.Assemble(phases[p]);
            Assert.Equal((SyntheticSeries.Columns, SyntheticSeries.Rows, SyntheticSeries.Slices), (volume.Columns, volume.Rows, volume.Slices));
            for (var k = 0; k < SyntheticSeries.Slices; k++)
            for (var r = 0; r < SyntheticSeries.Rows; r++)
            for (var c = 0; c < SyntheticSeries.Columns; c++)
            {
                Assert.Equal(SyntheticSeries.Value(p, k, r, c), volume[c, r, k]);
            }
            var g = volume.Geometry;
            AssertClose(geometry.Origin, g.Origin);
            AssertClose(geometry.RowDirection, g.RowDirection);
            AssertClose(geometry.ColumnDirection, g.ColumnDirection);
            AssertClose(geometry.SliceDirection, g.SliceDirection);
            Assert.Equal(0.625, g.ColumnSpacing, 9);
            Assert.Equal(0.75, g.RowSpacing, 9);
            Assert.Equal(2.5, g.SliceSpacing, 6);
            // Voxel (c, r, k) lies where the writer put it.
            AssertClose(geometry.ImagePositionPatient(3) + (2 * 0.625) * geometry.RowDirection + (5 * 0.75) * geometry.ColumnDirection, g.IndexToPoint(2, 5, 3));
            Assert.Contains("phase " + p, volume.Source);
        }
    }

    [Fact]
    public void ReversedSliceOrder_IsSortedAlongTheNormal()
    {
        using var temp = new TempDirectory();
        var geometry = PreprocessingFixtures.AxialGeometry(SyntheticSeries.Columns, SyntheticSeries.Rows, SyntheticSeries.Slices);
        // Written top to bottom: file 1 is the highest slice.
        var info = SyntheticSeries.Info() with { SlicePositions = Enumerable.Range(0, SyntheticSeries.Slices).Select(k => new Vector3D(-50, -40, 20 - 2.0 * k)).ToList() };
        var files = PreprocessingFixtures.WriteSinglePhase(temp.Path, info, geometry, 0, null, null);

        var volume = VolumeAssembler.Assemble(files);

        Assert.Equal(new Vector3D(-50, -40, 14), volume.Geometry.Origin);
        Assert.Equal(2.0, volume.Geometry.SliceSpacing, 9);
        Assert.Equal(SyntheticSeries.Value(0, SyntheticSeries.Slices - 1, 2, 3), volume[3, 2, 0]);
    }

    [Fact]
    public void MissingSlice_ErrorNamesSeriesSlicesAndGap()
    {
        using var temp = new TempDirectory();
        var geometry = PreprocessingFixtures.AxialGeometry(4, 3, 6, spacing: 2.5);
        var files = PreprocessingFixtures.Writer.Write(temp.Path, SyntheticSeries.Info(), geometry, MrVolumeData.FromInt16(new short[72]), TestContext.Current.CancellationToken).ToList();
        File.Delete(files[2]);
        files.RemoveAt(2);

        var e = Assert.Throws<VolumeAssemblyException>(() => VolumeAssembler.Assemble(files));

        Assert.Contains(SyntheticSeries.Info().SeriesInstanceUid, e.Message);
        Assert.Contains("slices 1 and 2 (1-002.dcm, 1-004.dcm) are 5 mm apart but the typical gap is 2.5 mm", e.Message);
        Assert.Contains("about 1 slice(s) missing", e.Message);
    }

    [Fact]
    public void UnsplitMultiPhaseFiles_ErrorPointsToPhaseSplitter()
    {
        using var temp = new TempDirectory();
        var files = SyntheticSeries.Write(temp.Path);

        var e = Assert.Throws<VolumeAssemblyException>(() => VolumeAssembler.Assemble(files));

        Assert.Contains("same position", e.Message);
        Assert.Contains("PhaseSplitter", e.Message);
    }

    [Fact]
    public void MixedOrientation_ErrorNamesBothFiles()
    {
        using var temp = new TempDirectory();
        var info = SyntheticSeries.Info();
        var axial = PreprocessingFixtures.AxialGeometry(SyntheticSeries.Columns, SyntheticSeries.Rows, SyntheticSeries.Slices);
        var a = PreprocessingFixtures.WriteSinglePhase(temp.Combine("a"), info, axial, 0, null, null);
        var tilted = axial with { RowDirection = new Vector3D(1, 0, 0), ColumnDirection = new Vector3D(0, 0.8, 0.6), Origin = new Vector3D(-50, -40, 40) };
        var b = PreprocessingFixtures.WriteSinglePhase(temp.Combine("b"), info, tilted, 1, null, null);

        var e = Assert.Throws<VolumeAssemblyException>(() => VolumeAssembler.Assemble([a[0], a[1], b[0]]));

        Assert.Contains("orientation", e.Message);
        Assert.Contains(b[0], e.Message);
    }

    [Fact]
    public void RescaleSlopeAndIntercept_AreApplied()
    {
        using var temp = new TempDirectory();
        var geometry = PreprocessingFixtures.AxialGeometry(4, 3, 2);
        var values = Enumerable.Range(0, 24).Select(i => -100f + 0.5f * i).ToArray();
        var files = PreprocessingFixtures.Writer.Write(temp.Path, SyntheticSeries.Info(), geometry, MrVolumeData.FromFloat(values, 0.5, -100), TestContext.Current.CancellationToken);

        var volume = VolumeAssembler.Assemble(files);

        Assert.Equal(values, volume.Voxels);
    }

    [Fact]
    public void PydicomMrSmall_AssemblesToSingleSliceVolume()
    {
        var path = PydicomTestFiles.Path("MR_small.dcm");
        var header = DicomFile.ReadHeader(path);

        var phases = PhaseSplitter.Split([header]);
        var volume = VolumeAssembler.Assemble(phases[0]);

        Assert.Equal(PhaseCriterion.SinglePhase, Assert.Single(phases).Criterion);
        Assert.Equal((64, 64, 1), (volume.Columns, volume.Rows, volume.Slices));
        Assert.Equal(DicomFile.ReadPixels(path).RescaledValues, volume.Voxels);
        Assert.Equal(header.ImagePositionPatient, volume.Geometry.Origin);
        Assert.Equal(header.PixelSpacing!.Value.Column, volume.Geometry.ColumnSpacing);
        Assert.Equal(header.SliceThickness!.Value, volume.Geometry.SliceSpacing);
    }

    internal static void AssertClose(Vector3D expected, Vector3D actual, double tolerance = 1e-6) =>
        Assert.True((expected - actual).Length <= tolerance, $"expected {expected}, got {actual}");
}
