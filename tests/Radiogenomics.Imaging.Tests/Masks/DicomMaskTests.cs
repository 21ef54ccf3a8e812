using System.Globalization;
using Radiogenomics.Imaging.Masks;
using Radiogenomics.Imaging.Preprocessing;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Masks;

/// <summary>
/// SEG and RTSTRUCT masks written by golden/masks/make_masks_golden.py (pydicom) on an oblique, anisotropic grid,
/// against the voxels the generator planted (SEG) or rasterised independently (RTSTRUCT: matplotlib.path's
/// even–odd test at the voxel centres, contours of a slice combined by XOR or OR). Every comparison is exact.
/// </summary>
public class DicomMaskTests
{
    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "golden", "masks", name);

    /// <summary>The image grid of the generator (geometry.csv).</summary>
    public static VolumeGeometry Grid()
    {
        var lines = File.ReadAllLines(Golden("geometry.csv"));
        var v = lines[1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return new VolumeGeometry
        {
            Columns = (int)v[0], Rows = (int)v[1], Slices = (int)v[2],
            ColumnSpacing = v[3], RowSpacing = v[4], SliceSpacing = v[5],
            Origin = new Vector3D(v[6], v[7], v[8]),
            RowDirection = new Vector3D(v[9], v[10], v[11]),
            ColumnDirection = new Vector3D(v[12], v[13], v[14]),
        };
    }

    private static SortedSet<(int, int, int)> Expected(string name) =>
        new(File.ReadAllLines(Golden(name)).Skip(1).Select(l => l.Split(',').Select(int.Parse).ToArray()).Select(a => (a[0], a[1], a[2])));

    private static SortedSet<(int, int, int)> Voxels(ImageVolume mask)
    {
        var set = new SortedSet<(int, int, int)>();
        for (int k = 0; k < mask.Slices; k++)
            for (int r = 0; r < mask.Rows; r++)
                for (int c = 0; c < mask.Columns; c++)
                    if (mask[c, r, k] > 0) set.Add((c, r, k));
        return set;
    }

    private static void AssertSameVoxels(string expectedFile, ImageVolume mask)
    {
        var expected = Expected(expectedFile);
        var actual = Voxels(mask);
        Assert.True(expected.Count > 100, "the golden mask is too small to test anything");
        Assert.True(expected.SetEquals(actual),
            $"{expectedFile}: {expected.Except(actual).Count()} planted voxels missing, {actual.Except(expected).Count()} extra (of {expected.Count}); first missing {expected.Except(actual).FirstOrDefault()}, first extra {actual.Except(expected).FirstOrDefault()}");
    }

    [Theory]
    [InlineData("tumour", "expected_seg_tumour.csv")]
    [InlineData("1", "expected_seg_tumour.csv")]
    [InlineData("Oedema", "expected_seg_oedema.csv")]
    [InlineData("2", "expected_seg_oedema.csv")]
    public void BinarySeg_FramesInShuffledOrder_GiveThePlantedVoxels(string segment, string expected) =>
        AssertSameVoxels(expected, DicomMaskReader.Read(Golden("seg_binary.dcm"), Grid(), new MaskChoice { Segment = segment }));

    [Theory]
    [InlineData("seg_implicit.dcm")] // implicit VR: the nested sequences carry no VRs
    [InlineData("seg_cropped.dcm")]  // frames of 28 × 26 pixels from column 6, row 6: placed by their in-plane offset
    public void BinarySeg_OtherEncodingsAndCroppedFrames_GiveThePlantedVoxels(string file) =>
        AssertSameVoxels("expected_seg_tumour.csv", DicomMaskReader.Read(Golden(file), Grid(), new MaskChoice { Segment = "tumour" }));

    [Fact]
    public void FractionalSeg_IsCutAtHalf()
    {
        // One segment: no choice needed.
        AssertSameVoxels("expected_seg_fractional.csv", DicomMaskReader.Read(Golden("seg_fractional.dcm"), Grid(), MaskChoice.Default));
    }

    [Fact]
    public void Segments_AreListed() =>
        Assert.Equal([(1, "tumour"), (2, "oedema")], SegmentationReader.Segments(Golden("seg_binary.dcm")));

    [Theory]
    [InlineData(null, "2 segments (1 'tumour', 2 'oedema') and no segment was chosen")]
    [InlineData("necrosis", "no segment is numbered or labelled 'necrosis'; the SEG has 1 'tumour', 2 'oedema'")]
    public void SegmentChoice_Errors_ListTheSegments(string? segment, string message)
    {
        var e = Assert.Throws<DataProblemException>(() => DicomMaskReader.Read(Golden("seg_binary.dcm"), Grid(), new MaskChoice { Segment = segment }));
        Assert.Contains(message, e.Message);
        Assert.Contains("seg_binary.dcm", e.Message);
        Assert.Contains("Fix: set segment:", e.Message);
    }

    [Fact]
    public void SegFramesOffTheSlicePlanes_SayByHowMuch()
    {
        var e = Assert.Throws<DataProblemException>(() => DicomMaskReader.Read(Golden("seg_offgrid.dcm"), Grid(), new MaskChoice { Segment = "tumour" }));
        Assert.Contains("0.8 mm from the nearest slice plane", e.Message);
        Assert.Contains("frame ", e.Problems[0].Record);
    }

    [Fact]
    public void SegWithAnotherPixelSpacing_SaysByHowMuch()
    {
        var e = Assert.Throws<DataProblemException>(() => DicomMaskReader.Read(Golden("seg_spacing.dcm"), Grid(), new MaskChoice { Segment = "tumour" }));
        Assert.Contains("pixel spacing 0.8\\1 mm vs the image's 0.8\\0.9 mm (differs by 0.1 mm)", e.Message);
        Assert.Contains("3.9 mm from the image voxel", e.Message); // 39 columns × 0.1 mm
    }

    [Fact]
    public void LabelmapSeg_IsAnUnsupportedType()
    {
        var e = Assert.Throws<DataProblemException>(() => DicomMaskReader.Read(Golden("seg_labelmap.dcm"), Grid(), new MaskChoice { Segment = "tumour" }));
        Assert.Contains("SegmentationType 'LABELMAP' is not supported (BINARY and FRACTIONAL are)", e.Message);
    }

    [Theory]
    [InlineData("GTV", ContourCombination.Xor, "expected_rt_gtv_xor.csv")]
    [InlineData("7", ContourCombination.Xor, "expected_rt_gtv_xor.csv")]
    [InlineData("gtv", ContourCombination.Or, "expected_rt_gtv_or.csv")]
    [InlineData("Oedema", ContourCombination.Xor, "expected_rt_oedema_xor.csv")]
    public void RtStruct_MatchesTheIndependentRasteriser(string roi, ContourCombination combination, string expected) =>
        AssertSameVoxels(expected, DicomMaskReader.Read(Golden("rtstruct.dcm"), Grid(), new MaskChoice { Roi = roi, Contours = combination }));

    [Fact]
    public void RtStruct_HoleContours_RemoveVoxelsOnlyUnderXor()
    {
        var xor = Voxels(RtStructReader.Read(Golden("rtstruct.dcm"), Grid(), "GTV", ContourCombination.Xor));
        var or = Voxels(RtStructReader.Read(Golden("rtstruct.dcm"), Grid(), "GTV", ContourCombination.Or));
        Assert.True(xor.IsProperSubsetOf(or));
        // The hole is drawn clockwise on slice 5 and counter-clockwise on slice 6: both are holes.
        Assert.Contains(or.Except(xor), v => v.Item3 == 5);
        Assert.Contains(or.Except(xor), v => v.Item3 == 6);
    }

    // The generator's masks are drawn in frame of reference 1.2.826.0.1.3680043.8.498.1 (make_masks_golden.py).
    [Theory]
    [InlineData("seg_binary.dcm", "FrameOfReferenceUID (0020,0052)")]
    [InlineData("rtstruct.dcm", "ReferencedFrameOfReferenceUID (3006,0024)")]
    public void MaskDrawnInAnotherFrameOfReference_IsAnError(string file, string where)
    {
        var choice = new MaskChoice { Segment = "tumour", Roi = "GTV" };
        AssertSameVoxels(file.StartsWith("seg", StringComparison.Ordinal) ? "expected_seg_tumour.csv" : "expected_rt_gtv_xor.csv",
            DicomMaskReader.Read(Golden(file), Grid(), choice, "1.2.826.0.1.3680043.8.498.1"));
        var e = Assert.Throws<DataProblemException>(() => DicomMaskReader.Read(Golden(file), Grid(), choice, "1.2.826.0.1.3680043.8.498.2"));
        Assert.Contains(where, e.Message);
        Assert.Contains("drawn in frame of reference 1.2.826.0.1.3680043.8.498.1, the image series is in 1.2.826.0.1.3680043.8.498.2", e.Message);
    }

    [Fact]
    public void RoiNotFound_ListsTheNames()
    {
        var e = Assert.Throws<DataProblemException>(() => DicomMaskReader.Read(Golden("rtstruct.dcm"), Grid(), new MaskChoice { Roi = "PTV" }));
        Assert.Contains("no ROI is named or numbered 'PTV'; the structure set has 'GTV' (7), 'Oedema' (3), 'Marker' (9)", e.Message);
        Assert.Contains("Fix: set roi:", e.Message);
        Assert.Equal([(7, "GTV"), (3, "Oedema"), (9, "Marker")], RtStructReader.Rois(Golden("rtstruct.dcm")));
    }

    [Fact]
    public void RoiWithoutClosedContours_IsAnError()
    {
        var e = Assert.Throws<DataProblemException>(() => DicomMaskReader.Read(Golden("rtstruct.dcm"), Grid(), new MaskChoice { Roi = "Marker" }));
        Assert.Contains("no CLOSED_PLANAR contours (only POINT)", e.Message);
    }

    [Fact]
    public void ContourOffItsSlicePlane_SaysByHowMuch()
    {
        var e = Assert.Throws<DataProblemException>(() => DicomMaskReader.Read(Golden("rtstruct_offplane.dcm"), Grid(), new MaskChoice { Roi = "GTV" }));
        Assert.Contains("up to 1 mm from the plane of slice", e.Message);
        Assert.Contains("ROI 7 'GTV', contour 3", e.Problems[0].Record);
    }

    [Fact]
    public void AnImageIsNotAMask()
    {
        var e = Assert.Throws<DataProblemException>(() => DicomMaskReader.Read(Golden("geometry.csv"), Grid(), MaskChoice.Default));
        Assert.Contains("geometry.csv", e.Message);
    }

    [Fact]
    public void Rasteriser_FillsCentresStrictlyInside()
    {
        // A 3.2 × 2.2 rectangle from (0.4, 0.4): centres (1..3, 1..2) inside; an inner square toggles (2, 1) off under XOR.
        var slice = new bool[6 * 4];
        ContourRasteriser.Fill([(0.4, 0.4), (3.6, 0.4), (3.6, 2.6), (0.4, 2.6)], 6, 4, slice, ContourCombination.Xor);
        ContourRasteriser.Fill([(1.5, 0.5), (2.5, 0.5), (2.5, 1.5), (1.5, 1.5)], 6, 4, slice, ContourCombination.Xor);
        var inside = Enumerable.Range(0, slice.Length).Where(i => slice[i]).Select(i => (i % 6, i / 6)).ToList();
        Assert.Equal([(1, 1), (3, 1), (1, 2), (2, 2), (3, 2)], inside);
    }
}
