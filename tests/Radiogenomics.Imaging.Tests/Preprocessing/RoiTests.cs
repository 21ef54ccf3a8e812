using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Preprocessing;

public class RoiTests
{
    [Fact]
    public void DistanceTransform_MatchesBruteForceOnAnAnisotropicGrid()
    {
        var g = PreprocessingFixtures.Grid(15, 12, 7, 0.7, 0.9, 2.5);
        var mask = ImageVolume.Zeros(g);
        var random = new Random(11);
        var seeds = Enumerable.Range(0, 6).Select(_ => (random.Next(15), random.Next(12), random.Next(7))).ToList();
        foreach (var (i, j, k) in seeds)
        {
            mask[i, j, k] = 1;
        }

        var d = DistanceTransform.Euclidean(mask);

        for (var k = 0; k < 7; k++)
        for (var j = 0; j < 12; j++)
        for (var i = 0; i < 15; i++)
        {
            var p = g.IndexToPoint(i, j, k);
            var expected = seeds.Min(s => (g.IndexToPoint(s.Item1, s.Item2, s.Item3) - p).Length);
            Assert.Equal(expected, d[g.Index(i, j, k)], 1e-4);
        }
    }

    [Fact]
    public void DistanceTransform_EmptyMask_IsInfinite() =>
        Assert.All(DistanceTransform.Euclidean(ImageVolume.Zeros(PreprocessingFixtures.Grid(3, 3, 3))), v => Assert.Equal(float.PositiveInfinity, v));

    [Fact]
    public void PeritumoralRing_IsAShellInMillimetres_ClippedToTheBody()
    {
        // 1 × 1 × 3 mm voxels; a 5 mm ball tumour; the body ends at row 20 (the skin, say).
        var g = PreprocessingFixtures.Grid(40, 40, 16, 1, 1, 3);
        var tumour = PreprocessingFixtures.Ball(g, (20, 20, 8), 5);
        var body = ImageVolume.Zeros(g, "body");
        for (var k = 0; k < 16; k++)
        for (var j = 0; j <= 20; j++)
        for (var i = 0; i < 40; i++)
        {
            body[i, j, k] = 1;
        }

        var ring = PeritumoralRing.Create(tumour, 10);
        var clipped = PeritumoralRing.Create(tumour, 10, body);

        var centre = g.IndexToPoint(20, 20, 8);
        for (var n = 0; n < ring.Voxels.Length; n++)
        {
            var (i, j, k) = (n % 40, n / 40 % 40, n / 1600);
            var r = (g.IndexToPoint(i, j, k) - centre).Length;
            if (tumour.Voxels[n] > 0 || r > 15 + 1e-9)
            {
                Assert.Equal(0, ring.Voxels[n]);
            }
            else if (r <= 14)
            {
                Assert.Equal(1, ring.Voxels[n]); // within 10 mm of the ball's surface voxels for sure
            }
            Assert.Equal(ring.Voxels[n] > 0 && j <= 20 ? 1 : 0, clipped.Voxels[n]);
        }
        // Through-plane, 3 mm slices: the tumour's top slice is 9 (3 mm above the centre); slice 12 is 9 mm beyond it, slice 13 12 mm.
        Assert.Equal(1, ring[20, 20, 12]);
        Assert.Equal(0, ring[20, 20, 13]);
        Assert.Contains("10 mm peritumoral ring", ring.Source);
    }

    [Fact]
    public void PeritumoralRing_BodyOnAnotherGrid_Throws()
    {
        var g = PreprocessingFixtures.Grid(5, 5, 5);
        Assert.Throws<GeometryMismatchException>(() =>
            PeritumoralRing.Create(ImageVolume.Zeros(g), 10, ImageVolume.Zeros(g with { SliceSpacing = 2 })));
    }

    [Fact]
    public void ConnectedComponents_SixVersusTwentySix_KeepLargest_RemoveSmall()
    {
        var mask = ImageVolume.Zeros(PreprocessingFixtures.Grid(10, 10, 10));
        // A 3×3×3 cube (27 voxels), a diagonal pair touching only at a corner (2 voxels under 26-, 2 × 1 under 6-connectivity),
        // and a lone voxel.
        for (var k = 1; k <= 3; k++)
        for (var j = 1; j <= 3; j++)
        for (var i = 1; i <= 3; i++)
        {
            mask[i, j, k] = 1;
        }
        mask[7, 7, 7] = 1;
        mask[8, 8, 8] = 2;
        mask[0, 9, 9] = 1;

        var six = ConnectedComponents.Label(mask, Connectivity.Six);
        var twentySix = ConnectedComponents.Label(mask);

        Assert.Equal([27, 1, 1, 1], six.Sizes);
        Assert.Equal([27, 2, 1], twentySix.Sizes);
        Assert.Equal(twentySix.Labels[mask.Geometry.Index(7, 7, 7)], twentySix.Labels[mask.Geometry.Index(8, 8, 8)]);
        var largest = ConnectedComponents.KeepLargest(mask);
        Assert.Equal(27, largest.Voxels.Count(v => v > 0));
        Assert.Equal(0, largest[7, 7, 7]);
        var cleaned = ConnectedComponents.RemoveSmall(mask, 2);
        Assert.Equal(29, cleaned.Voxels.Count(v => v > 0));
        Assert.Equal(2, cleaned[8, 8, 8]); // values kept
        Assert.Equal(27, ConnectedComponents.RemoveSmall(mask, 2, Connectivity.Six).Voxels.Count(v => v > 0));
        Assert.DoesNotContain(ConnectedComponents.KeepLargest(ImageVolume.Zeros(mask.Geometry)).Voxels, v => v > 0);
    }

    [Fact]
    public void BodyMask_LargestBrightRegion_WithHolesFilled()
    {
        var g = PreprocessingFixtures.Grid(30, 30, 4);
        var image = ImageVolume.Zeros(g, "image");
        var random = new Random(5);
        for (var n = 0; n < image.Voxels.Length; n++)
        {
            image.Voxels[n] = (float)random.NextDouble() * 20; // air noise
        }
        for (var k = 0; k < 4; k++)
        {
            for (var j = 5; j < 25; j++)
            for (var i = 5; i < 25; i++)
            {
                image[i, j, k] = 500 + (float)random.NextDouble() * 50; // body
            }
            image[14, 14, k] = 10; // a dark hole inside (fat-suppressed fat, a cyst)
            image[1, 1, k] = 600; // a bright speck outside (coil artefact)
        }

        var body = BodyMask.FromImage(image);

        Assert.Equal(4 * 20 * 20, body.Voxels.Count(v => v > 0));
        Assert.Equal(1, body[14, 14, 2]);
        Assert.Equal(0, body[1, 1, 2]);
        Assert.InRange(BodyMask.OtsuThreshold(image.Voxels), 20, 500);
    }
}
