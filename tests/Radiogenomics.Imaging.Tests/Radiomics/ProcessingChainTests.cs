using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Radiomics;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Radiomics;

public class ProcessingChainTests
{
    private static VolumeGeometry Grid(int nc, int nr, int ns, double sc, double sr, double ss) => new()
    {
        Columns = nc, Rows = nr, Slices = ns, ColumnSpacing = sc, RowSpacing = sr, SliceSpacing = ss, Origin = new Vector3D(-10, 5, 30),
    };

    [Fact]
    public void IbsiGrid_CountsByCeiling_AndKeepsTheGridCentre()
    {
        var old = Grid(512, 512, 60, 0.977, 0.977, 3);
        var grid = IbsiGrid.Resampled(old, 2, 2, 2);
        Assert.Equal((251, 251, 90), (grid.Columns, grid.Rows, grid.Slices)); // ⌈512·0.977/2⌉ = ⌈250.1⌉, ⌈60·3/2⌉
        var oldCentre = old.IndexToPoint(255.5, 255.5, 29.5);
        var newCentre = grid.IndexToPoint(125, 125, 44.5);
        Assert.True((oldCentre - newCentre).Length < 1e-9, $"{oldCentre} vs {newCentre}");

        var inPlane = IbsiGrid.Resampled(old, 2, 2, null);
        Assert.Equal((60, 3.0), (inPlane.Slices, inPlane.SliceSpacing));
        // 5 voxels of 1 mm → 3 of 2 mm, the first new centre on the first old one.
        var small = IbsiGrid.Resampled(Grid(5, 5, 5, 1, 1, 1), 2, 2, 2);
        Assert.Equal(new Vector3D(-10, 5, 30), small.Origin);
    }

    [Fact]
    public void Resampling_ALinearRamp_IsExactAtTheNewCentres_AndRoundingGivesWholeValues()
    {
        var g = Grid(10, 8, 6, 1, 1, 1.5);
        var voxels = new float[g.VoxelCount];
        for (int z = 0; z < g.Slices; z++) for (int y = 0; y < g.Rows; y++) for (int x = 0; x < g.Columns; x++)
            voxels[g.Index(x, y, z)] = 10 * x + 3 * y + 7 * z;
        var mask = new float[g.VoxelCount];
        for (int z = 1; z < 5; z++) for (int y = 1; y < 7; y++) for (int x = 1; x < 9; x++) mask[g.Index(x, y, z)] = 1;
        var settings = new RadiomicsSettings { Spacing = (2, 2, 2) };
        var roi = RadiomicsExtractor.Prepare(new ImageVolume(g, voxels), new ImageVolume(g, mask), null, settings);
        var grid = IbsiGrid.Resampled(g, 2, 2, 2);
        for (int z = 0; z < grid.Slices; z++) for (int y = 0; y < grid.Rows; y++) for (int x = 0; x < grid.Columns; x++)
        {
            var (i, j, k) = g.PointToIndex(grid.IndexToPoint(x, y, z));
            if (i < 0 || j < 0 || k < 0 || i > 9 || j > 7 || k > 5) continue; // beyond the old centres the edge value is held
            Assert.Equal(10 * i + 3 * j + 7 * k, roi.Intensities[grid.Index(x, y, z)], 3);
        }
        var rounded = RadiomicsExtractor.Prepare(new ImageVolume(g, voxels), new ImageVolume(g, mask), null, settings with { RoundIntensities = true });
        Assert.All(rounded.Intensities, v => Assert.Equal(Math.Round(v), v));
        // Partial volume: the mask, linearly interpolated, counts where it reaches 0.5.
        Assert.InRange(roi.MorphologicalMask.Count(b => b) * 8.0, 0.6 * 192 * 1.5, 1.4 * 192 * 1.5);
    }

    [Fact]
    public void Resegmentation_RangeThenOutliers_KeepsTheMorphologicalMask()
    {
        double[] values = [-1200, -600, 0, 10, 20, 30, 40, 500];
        var roi = new RoiImage(8, 1, 1, 1, 1, 1, values, Enumerable.Repeat(true, 8).ToArray());
        var ranged = roi.WithIntensityMask(Resegmentation.Range(roi, -1000, 400));
        Assert.Equal([false, true, true, true, true, true, true, false], ranged.IntensityMask);
        Assert.All(ranged.MorphologicalMask, Assert.True);
        // Remaining: −600, 0 … 40: mean −83.3, SD 231.6; −600 lies 2.23 SD out, so 2 SD drop it and 3 SD keep it.
        Assert.False(Resegmentation.Outliers(ranged, 2)[1]);
        Assert.True(Resegmentation.Outliers(ranged, 3)[1]);
    }

    [Fact]
    public void FixedBinSize_IbsiAndPyRadiomicsEdges_Differ_AsDocumented()
    {
        double[] values = [-3.2, 0, 24.9, 25, 50];
        var roi = new RoiImage(5, 1, 1, 1, 1, 1, values, Enumerable.Repeat(true, 5).ToArray());
        Assert.Equal([1, 1, 2, 2, 3], Discretisation.FixedBinSize(roi, 25).Levels);
        Assert.Equal([1, 2, 2, 3, 4], Discretisation.FixedBinSize(roi, 25, rule: BinEdgeRule.PyRadiomics).Levels);
        Assert.Equal([2, 2, 3, 3, 4], Discretisation.FixedBinSize(roi, 25, lowerBound: -30).Levels);
        var fbn = Discretisation.FixedBinNumber(roi, 4);
        Assert.Equal([1, 1, 3, 3, 4], fbn.Levels); // ⌊4(x + 3.2)/53.2⌋ + 1, the maximum in bin 4
        Assert.Equal(4, fbn.GreyLevels);
    }

    [Fact]
    public void BadRegions_GiveTheProblemAndWhatWasFound()
    {
        var g = Grid(4, 4, 4, 1, 1, 1);
        var image = new ImageVolume(g, Enumerable.Range(0, 64).Select(i => (float)i).ToArray());
        var labels = new float[64];
        labels[5] = 2; labels[6] = 2; labels[9] = 3;
        var mask = new ImageVolume(g, labels);

        var missing = Assert.Throws<RoiProblemException>(() => RadiomicsExtractor.Prepare(image, mask, 1, new RadiomicsSettings()));
        Assert.Equal(RoiProblem.MissingLabel, missing.Problem);
        Assert.Contains("labels 2, 3", missing.Message);

        var single = Assert.Throws<RoiProblemException>(() => RadiomicsExtractor.Prepare(image, mask, 3, new RadiomicsSettings()));
        Assert.Equal(RoiProblem.SingleVoxel, single.Problem);

        var empty = Assert.Throws<RoiProblemException>(() => RadiomicsExtractor.Prepare(image, new ImageVolume(g, new float[64]), null, new RadiomicsSettings()));
        Assert.Equal(RoiProblem.Empty, empty.Problem);

        var resegmented = Assert.Throws<RoiProblemException>(() =>
            RadiomicsExtractor.Prepare(image, mask, 2, new RadiomicsSettings { ResegmentationRange = (100, null) }));
        Assert.Contains("re-segmentation removed all 2 voxels", resegmented.Message);

        var shifted = new ImageVolume(g with { Origin = g.Origin + new Vector3D(0.5, 0, 0) }, labels);
        var mismatch = Assert.Throws<GeometryMismatchException>(() => RadiomicsExtractor.Prepare(image, shifted, 2, new RadiomicsSettings()));
        Assert.Equal(0.5, mismatch.OriginOffsetMm, 9);
    }

    [Fact]
    public void CroppingToTheRegion_ChangesNoFeature()
    {
        var g = Grid(30, 28, 20, 0.9, 0.9, 2);
        var random = new Random(3);
        var voxels = Enumerable.Range(0, g.VoxelCount).Select(_ => (float)random.Next(0, 200)).ToArray();
        var mask = new float[g.VoxelCount];
        for (int z = 0; z < g.Slices; z++) for (int y = 0; y < g.Rows; y++) for (int x = 0; x < g.Columns; x++)
        {
            double dx = (x - 14) * 0.9, dy = (y - 12) * 0.9, dz = (z - 9) * 2;
            if (dx * dx + dy * dy + dz * dz <= 36) mask[g.Index(x, y, z)] = 1;
        }
        var settings = new RadiomicsSettings { BinWidth = 20 };
        var image = new ImageVolume(g, voxels);
        var cropped = RadiomicsExtractor.Extract(image, new ImageVolume(g, mask), 1, settings);
        var whole = RadiomicsExtractor.Extract(RoiImage.FromVolumes(image, new ImageVolume(g, mask)), settings);
        Assert.Equal(whole.Count, cropped.Count);
        foreach (var (a, b) in whole.Zip(cropped))
        {
            Assert.Equal(a.Name, b.Name);
            Assert.True(Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(1, Math.Abs(a.Value)), $"{a} vs {b.Value}");
        }
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    [InlineData("C")]
    [InlineData("D")]
    [InlineData("E")]
    public void IbsiCtConfigurations_RunTheWholeChain(string name)
    {
        // A CT-like block: soft tissue around 40 HU with an air pocket, 0.8 × 0.8 × 2.5 mm voxels.
        var g = Grid(24, 24, 8, 0.8, 0.8, 2.5);
        var random = new Random(14);
        var voxels = new float[g.VoxelCount];
        var mask = new float[g.VoxelCount];
        for (int z = 0; z < g.Slices; z++) for (int y = 0; y < g.Rows; y++) for (int x = 0; x < g.Columns; x++)
        {
            int v = g.Index(x, y, z);
            voxels[v] = (float)Math.Round(40 + 30 * (random.NextDouble() - 0.5) + (x < 8 && y < 8 ? -900 : 0));
            mask[v] = x is >= 2 and < 22 && y is >= 2 and < 22 && z is >= 1 and < 7 ? 1 : 0;
        }
        var settings = IbsiCtConfigurations.ByName(name);
        var features = RadiomicsExtractor.Extract(new ImageVolume(g, voxels), new ImageVolume(g, mask), 1, settings);
        var aggregations = features.Select(f => f.Aggregation).Distinct().ToHashSet();
        if (name is "A" or "B") Assert.DoesNotContain("3D merged", aggregations); else Assert.DoesNotContain("2D averaged", aggregations);
        Assert.Equal(25, features.Count(f => f.Family == MorphologyFeatures.Family));
        Assert.All(features.Where(f => f.Family != MorphologyFeatures.Family || !f.Name.StartsWith("Moran")), f => Assert.False(double.IsNaN(f.Value), f.ToString()));
        var min = features.Single(f => f.Name == "Minimum intensity").Value;
        if (name is "A" or "B" or "C" or "E") Assert.True(min >= -1000, $"re-segmented minimum {min}");
    }
}
