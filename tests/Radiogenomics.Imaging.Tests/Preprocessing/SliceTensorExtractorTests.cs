using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Preprocessing;

public class SliceTensorExtractorTests
{
    private static ImageVolume Volume(int columns = 32, int rows = 32, int slices = 10, double columnSpacing = 1, double rowSpacing = 1)
    {
        var grid = PreprocessingFixtures.Grid(columns, rows, slices, columnSpacing, rowSpacing, 2);
        var volume = ImageVolume.Zeros(grid, "test volume");
        for (var k = 0; k < slices; k++)
        for (var j = 0; j < rows; j++)
        for (var i = 0; i < columns; i++)
        {
            volume[i, j, k] = 100 * (k + 1) + i + j;
        }
        return volume;
    }

    [Fact]
    public void Defaults_EverySlice_DivideByMax_64x64()
    {
        var tensors = SliceTensorExtractor.Extract(Volume());

        Assert.Equal(Enumerable.Range(0, 10), tensors.Select(t => t.SliceIndex));
        Assert.All(tensors, t => Assert.Equal(64 * 64, t.Pixels.Length));
        Assert.All(tensors, t => Assert.InRange(t.Pixels.Max(), 0.98f, 1.01f)); // Keys cubic overshoots a little when upsampling
        Assert.Equal(64 * 64 * 10, SliceTensorExtractor.Stack(tensors).Length);
    }

    [Theory]
    [InlineData(IntensityNormalisation.DivideByMax, ResizeMethod.AntiAliased)]
    [InlineData(IntensityNormalisation.DivideByMax, ResizeMethod.SeedCubic)]
    [InlineData(IntensityNormalisation.MinMax, ResizeMethod.AntiAliased)]
    public void UnitIntervalNormalisations_StayInZeroToOneAfterTheResizeRings(IntensityNormalisation method, ResizeMethod resize)
    {
        // A bright square on black: Lanczos and cubic kernels ring below 0 and above the maximum at its edges,
        // which a sigmoid reconstruction cannot follow; the tensors are clamped to [0, 1].
        var grid = PreprocessingFixtures.Grid(48, 48, 1, 1, 1, 2);
        var volume = ImageVolume.Zeros(grid, "edges");
        for (var j = 12; j < 36; j++)
        for (var i = 12; i < 36; i++)
        {
            volume[i, j, 0] = 1000;
        }

        var options = new SliceTensorOptions { Normalisation = method, Resize = resize, Size = 64 };
        var pixels = Assert.Single(SliceTensorExtractor.Extract(volume, null, options)).Pixels;
        Assert.All(pixels, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(1f, pixels.Max());
        Assert.Equal(0f, pixels.Min());
        var unclamped = ImageResizer.Resize(volume.Slice(0).ToArray().Select(v => v / 1000f).ToArray(), 48, 48, 64, 64, resize);
        Assert.True(unclamped.Max() > 1f || unclamped.Min() < 0f, "the resize rings: the clamp is what keeps the range");
    }

    [Fact]
    public void TumourCrop_IsASquareInMillimetresAroundTheMaskCentroid_ZeroOutsideTheImage()
    {
        var image = Volume();
        var mask = ImageVolume.Zeros(image.Geometry, "mask");
        mask[1, 19, 4] = 1; // centroid (column 2, row 20) over the whole mask, the same window on every slice
        mask[3, 21, 5] = 1;
        var options = new SliceTensorOptions { Slices = SliceChoice.Tumour, CropMillimetres = 9, Size = 9, Normalisation = IntensityNormalisation.None };
        var tensors = SliceTensorExtractor.Extract(image, mask, options);
        Assert.Equal([4, 5], tensors.Select(t => t.SliceIndex));
        foreach (var t in tensors)
        {
            for (var r = 0; r < 9; r++)
            for (var c = 0; c < 9; c++)
            {
                int column = c - 2, row = 16 + r; // window columns −2…6, rows 16…24
                float expected = column < 0 ? 0 : 100 * (t.SliceIndex + 1) + column + row;
                Assert.Equal(expected, t.Pixels[r * 9 + c], 3);
            }
        }

        // 0.5 mm columns: the 9 mm window is 18 columns × 9 rows, resized to a square.
        var fine = Volume(columnSpacing: 0.5);
        var fineMask = ImageVolume.Zeros(fine.Geometry, "mask");
        fineMask[16, 16, 2] = 1;
        Assert.All(SliceTensorExtractor.Extract(fine, fineMask, options with { Size = 16 }), t => Assert.Equal(256, t.Pixels.Length));
        Assert.Contains("crop needs a tumour mask", Assert.Throws<ArgumentException>(() =>
            SliceTensorExtractor.Extract(image, null, new() { CropMillimetres = 9 })).Message);
    }

    [Fact]
    public void TumourAndCentralSlices_FollowTheMask()
    {
        var image = Volume();
        var mask = ImageVolume.Zeros(image.Geometry, "mask");
        foreach (var k in new[] { 3, 4, 5, 6 })
        {
            mask[10, 12, k] = 1;
        }

        Assert.Equal([3, 4, 5, 6], SliceTensorExtractor.Extract(image, mask, new() { Slices = SliceChoice.Tumour }).Select(t => t.SliceIndex));
        Assert.Equal([4, 5], SliceTensorExtractor.Extract(image, mask, new() { Slices = SliceChoice.Central, CentralCount = 2 }).Select(t => t.SliceIndex));
        Assert.Equal([3, 4, 5], SliceTensorExtractor.Extract(image, null, new() { Slices = SliceChoice.Central, CentralCount = 3 }).Select(t => t.SliceIndex));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            SliceTensorExtractor.Extract(image, mask, new() { Slices = SliceChoice.Central, CentralCount = 20 }).Select(t => t.SliceIndex));
        Assert.Contains("needs a tumour mask", Assert.Throws<ArgumentException>(() =>
            SliceTensorExtractor.Extract(image, null, new() { Slices = SliceChoice.Tumour })).Message);
    }

    [Theory]
    [InlineData(IntensityNormalisation.MinMax)]
    [InlineData(IntensityNormalisation.ZScore)]
    public void Normalisation_OnNativePixels(IntensityNormalisation method)
    {
        var image = Volume();

        var tensor = SliceTensorExtractor.Extract(image, null, new() { Normalisation = method, Size = 32 })[2];

        // Same size: the resampler is the identity, so the native statistics show exactly.
        if (method == IntensityNormalisation.MinMax)
        {
            Assert.Equal(0, tensor.Pixels.Min(), 4);
            Assert.Equal(1, tensor.Pixels.Max(), 4);
        }
        else
        {
            Assert.Equal(0, tensor.Pixels.Average(), 4);
            Assert.Equal(1, Math.Sqrt(tensor.Pixels.Average(v => v * v)), 4);
        }
    }

    [Fact]
    public void VolumeScope_KeepsRelativeBrightness()
    {
        var tensors = SliceTensorExtractor.Extract(Volume(), null, new() { Scope = NormalisationScope.Volume, Size = 32 });

        Assert.True(tensors[0].Pixels.Max() < tensors[9].Pixels.Max());
        Assert.Equal(1, tensors[9].Pixels.Max(), 4);
    }

    [Fact]
    public void PreserveAspect_PadsTheShortSideUsingPhysicalSize()
    {
        // 40 columns of 1 mm × 20 rows of 1 mm: 40 mm × 20 mm → 64 × 32 content, 16 rows of pad above and below.
        var image = Volume(columns: 40, rows: 20, slices: 1);

        var tensor = SliceTensorExtractor.Extract(image, null, new() { PreserveAspect = true, PadValue = -1 })[0];

        Assert.Equal(-1, tensor[0, 10]);
        Assert.Equal(-1, tensor[15, 10]);
        Assert.True(tensor[16, 10] > 0);
        Assert.True(tensor[47, 10] > 0);
        Assert.Equal(-1, tensor[48, 10]);
        // Anisotropic pixels: 20 columns of 2 mm × 40 rows of 1 mm is square in mm: no pad.
        var square = SliceTensorExtractor.Extract(Volume(columns: 20, rows: 40, slices: 1, columnSpacing: 2), null, new() { PreserveAspect = true, PadValue = -1 })[0];
        Assert.DoesNotContain(-1f, square.Pixels);
    }

    [Fact]
    public void MaskOnAnotherGrid_IsAGeometryMismatchSayingByHowMuch()
    {
        var image = Volume();
        var shifted = ImageVolume.Zeros(image.Geometry with { Origin = new Vector3D(3, 4, 0) }, "mask.nii");

        var e = Assert.Throws<GeometryMismatchException>(() => SliceTensorExtractor.Extract(image, shifted));

        Assert.Equal(5, e.OriginOffsetMm, 9);
        Assert.Contains("mask.nii is not on the grid of test volume: origin offset 5 mm", e.Message);
        Assert.Contains("ResampleMask", e.Message);
    }

    [Fact]
    public void PydicomMrSmall_GivesOneTensor()
    {
        var volume = VolumeAssembler.Assemble([PydicomTestFiles.Path("MR_small.dcm")]);

        var tensor = Assert.Single(SliceTensorExtractor.Extract(volume, null, new() { Size = 32, Normalisation = IntensityNormalisation.MinMax }));

        Assert.InRange(tensor.Pixels.Min(), -0.05f, 0.05f);
        Assert.InRange(tensor.Pixels.Max(), 0.5f, 1.05f);
    }
}
