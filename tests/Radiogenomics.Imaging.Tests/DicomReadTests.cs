using System.Globalization;
using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests;

/// <summary>
/// pydicom's MR_small in six encodings (the same 64 × 64 image, losslessly encoded): tags against DCMTK's
/// dcmdump (golden), pixels against DCMTK's decode of the uncompressed file and against each other.
/// </summary>
public class DicomReadTests
{
    public static TheoryData<string, string> Encodings => new()
    {
        { "MR_small", "1.2.840.10008.1.2.1" },
        { "MR_small_implicit", "1.2.840.10008.1.2" },
        { "MR_small_bigendian", "1.2.840.10008.1.2.2" },
        { "MR_small_RLE", "1.2.840.10008.1.2.5" },
        { "MR_small_jpeg_ls_lossless", "1.2.840.10008.1.2.4.80" },
        { "MR_small_jp2klossless", "1.2.840.10008.1.2.4.90" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Header_MatchesDcmdumpGolden(string name, string transferSyntax)
    {
        var golden = GoldenFiles.ReadDump($"{name}.dcmdump.txt");
        string G(ushort group, ushort element) => golden.Find(group, element).Value;
        double[] Numbers(ushort group, ushort element) =>
            G(group, element).Split('\\').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        var header = DicomFile.ReadHeader(PydicomTestFiles.Path($"{name}.dcm"));

        Assert.Equal(transferSyntax, header.TransferSyntaxUid);
        Assert.Equal(G(0x0002, 0x0010), header.TransferSyntaxUid);
        Assert.Equal(G(0x0010, 0x0020), header.PatientId);
        Assert.Equal(G(0x0020, 0x000d), header.StudyInstanceUid);
        Assert.Equal(G(0x0020, 0x000e), header.SeriesInstanceUid);
        Assert.Equal(G(0x0008, 0x0018), header.SopInstanceUid);
        Assert.Equal(G(0x0008, 0x0016), header.SopClassUid);
        Assert.Equal(G(0x0008, 0x0060), header.Modality);
        Assert.Equal(G(0x0008, 0x0070), header.Manufacturer);
        Assert.Equal(int.Parse(G(0x0020, 0x0011), CultureInfo.InvariantCulture), header.SeriesNumber);
        Assert.Equal(int.Parse(G(0x0020, 0x0013), CultureInfo.InvariantCulture), header.InstanceNumber);
        Assert.Equal(int.Parse(G(0x0028, 0x0010), CultureInfo.InvariantCulture), header.Rows);
        Assert.Equal(int.Parse(G(0x0028, 0x0011), CultureInfo.InvariantCulture), header.Columns);
        Assert.Equal(int.Parse(G(0x0028, 0x0100), CultureInfo.InvariantCulture), header.BitsAllocated);
        Assert.Equal(int.Parse(G(0x0028, 0x0101), CultureInfo.InvariantCulture), header.BitsStored);
        Assert.Equal(int.Parse(G(0x0028, 0x0103), CultureInfo.InvariantCulture), header.PixelRepresentation);
        Assert.Equal(double.Parse(G(0x0018, 0x0050), CultureInfo.InvariantCulture), header.SliceThickness);
        Assert.Equal(double.Parse(G(0x0018, 0x0081), CultureInfo.InvariantCulture), header.EchoTime);
        Assert.Equal(double.Parse(G(0x0018, 0x0080), CultureInfo.InvariantCulture), header.RepetitionTime);

        var position = Numbers(0x0020, 0x0032);
        Assert.Equal(new Vector3D(position[0], position[1], position[2]), header.ImagePositionPatient);
        var orientation = Numbers(0x0020, 0x0037);
        Assert.Equal(new ImageOrientation(new Vector3D(orientation[0], orientation[1], orientation[2]),
            new Vector3D(orientation[3], orientation[4], orientation[5])), header.ImageOrientationPatient);
        var spacing = Numbers(0x0028, 0x0030);
        Assert.Equal(new PixelSpacing(spacing[0], spacing[1]), header.PixelSpacing);

        // Absent in MR_small: the defaults say so rather than inventing values.
        Assert.Null(header.MagneticFieldStrength);
        Assert.Null(header.TemporalPositionIdentifier);
        Assert.Null(header.TriggerTime);
        Assert.Null(header.RescaleSlope);
        Assert.Null(header.AcquisitionTime);
        Assert.Equal(1, header.NumberOfFrames);
        Assert.True(header.HasPixelData);
        Assert.Equal(transferSyntax.StartsWith("1.2.840.10008.1.2.4", StringComparison.Ordinal) || transferSyntax.EndsWith(".5", StringComparison.Ordinal),
            header.IsEncapsulated);
        Assert.Equal(DicomObjectKind.Image, header.ObjectKind);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void EveryTextAttribute_MatchesDcmdumpGolden(string name, string transferSyntax)
    {
        _ = transferSyntax;
        var golden = GoldenFiles.ReadDump($"{name}.dcmdump.txt").Where(e => e.IsComparableText).ToList();
        Assert.True(golden.Count > 60, $"only {golden.Count} comparable elements in the golden dump of {name}");

        var texts = DicomFile.ReadTagText(PydicomTestFiles.Path($"{name}.dcm"), golden.Select(e => e.Tag));

        Assert.All(golden, e => Assert.True(e.Value.TrimEnd() == texts[e.Tag],
            $"({e.Group:X4},{e.Element:X4}) {e.Vr}: dcmdump '{e.Value}', GDCM '{texts[e.Tag]}'"));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Pixels_EqualDcmtkDecodeOfTheUncompressedFile(string name, string transferSyntax)
    {
        _ = transferSyntax;
        var expected = GoldenFiles.ReadPixels("MR_small.pixels.txt");

        var pixels = DicomFile.ReadPixels(PydicomTestFiles.Path($"{name}.dcm"));

        Assert.Equal(64, pixels.Rows);
        Assert.Equal(64, pixels.Columns);
        Assert.Equal(1, pixels.Frames);
        Assert.Equal(expected, pixels.StoredValues);
        // No Rescale Slope/Intercept in MR_small: rescaled = stored.
        Assert.Equal(1.0, pixels.RescaleSlope);
        Assert.Equal(0.0, pixels.RescaleIntercept);
        Assert.Equal(expected.Select(v => (float)v), pixels.RescaledValues);
    }

    [Fact]
    public void JpegLossless_TranscodedByGdcm_DecodesToTheSamePixels()
    {
        using var temp = new TempDirectory();
        var expected = DicomFile.ReadPixels(PydicomTestFiles.Path("MR_small.dcm")).StoredValues;
        foreach (var syntax in new[] { gdcm.TransferSyntax.TSType.JPEGLosslessProcess14_1, gdcm.TransferSyntax.TSType.JPEGLosslessProcess14 })
        {
            var path = temp.Combine($"{syntax}.dcm");
            GdcmFixtures.Transcode(PydicomTestFiles.Path("MR_small.dcm"), path, syntax);

            var pixels = DicomFile.ReadPixels(path);

            Assert.StartsWith("1.2.840.10008.1.2.4.", pixels.Header.TransferSyntaxUid);
            Assert.True(pixels.Header.IsEncapsulated);
            Assert.Equal(expected, pixels.StoredValues);
        }
    }

    [Fact]
    public void JpegBaseline_EightBitGreyscale_DecodesCloseToTheOriginal()
    {
        // pydicom ships no greyscale baseline JPEG: encode its 8-bit deflated image with GDCM (lossy).
        using var temp = new TempDirectory();
        var source = PydicomTestFiles.Path("image_dfl.dcm");
        var original = DicomFile.ReadPixels(source);
        var path = temp.Combine("baseline.dcm");
        GdcmFixtures.Transcode(source, path, gdcm.TransferSyntax.TSType.JPEGBaselineProcess1);

        var pixels = DicomFile.ReadPixels(path);

        Assert.Equal("1.2.840.10008.1.2.4.50", pixels.Header.TransferSyntaxUid);
        Assert.Equal(original.StoredValues.Length, pixels.StoredValues.Length);
        var meanError = original.StoredValues.Zip(pixels.StoredValues, (a, b) => Math.Abs(a - b)).Average();
        Assert.InRange(meanError, 0, 3.0);
        Assert.NotEqual(original.StoredValues, pixels.StoredValues); // it is lossy: proves the codec ran
    }

    [Fact]
    public void JpegExtended12Bit_MatchesDcmtkDecode()
    {
        var stats = GoldenFiles.ReadStats("JPEG-lossy.stats.txt");

        var pixels = DicomFile.ReadPixels(PydicomTestFiles.Path("JPEG-lossy.dcm"));

        var values = pixels.StoredValues;
        Assert.Equal("1.2.840.10008.1.2.4.51", pixels.Header.TransferSyntaxUid);
        Assert.Equal(stats["count"], values.Length);
        Assert.Equal(stats["min"], values.Min());
        Assert.Equal(stats["max"], values.Max());
        Assert.Equal(stats["sum"], values.Sum(v => (long)v));
        Assert.Equal(stats["sumsq"], values.Sum(v => (long)v * v));
    }

    [Fact]
    public void DeflatedExplicitLittleEndian_Decodes()
    {
        var pixels = DicomFile.ReadPixels(PydicomTestFiles.Path("image_dfl.dcm"));

        Assert.Equal("1.2.840.10008.1.2.1.99", pixels.Header.TransferSyntaxUid);
        Assert.Equal(512 * 512, pixels.StoredValues.Length);
        Assert.Contains(pixels.StoredValues, v => v > 0);
    }

    [Fact]
    public void MultiFrame32Bit_ImplicitAndRle_Agree()
    {
        // RT dose grids: 15 frames of 10 × 10 unsigned 32-bit values. (rtdose_expb, the big-endian copy, is
        // left out: GDCM, like DCMTK, swaps its OW Pixel Data in 16-bit words, so 32-bit values differ.)
        var implicitLe = DicomFile.ReadPixels(PydicomTestFiles.Path("rtdose.dcm"));
        var rle = DicomFile.ReadPixels(PydicomTestFiles.Path("rtdose_rle.dcm"));

        Assert.Equal(15, implicitLe.Frames);
        Assert.Equal(15 * 10 * 10, implicitLe.StoredValues.Length);
        Assert.Equal(implicitLe.StoredValues, rle.StoredValues);
        Assert.Equal(implicitLe.StoredValues.AsSpan(100, 100).ToArray(), implicitLe.StoredFrame(1).ToArray());
        Assert.Equal(1248000, implicitLe.StoredValues[100]);
    }

    // Every .dcm file python3-pydicom ships, the broken ones included.
    public static TheoryData<string> AllPydicomFiles =>
    [
        "693_J2KI.dcm", "CT_small.dcm", "ExplVR_BigEnd.dcm", "ExplVR_BigEndNoMeta.dcm", "ExplVR_LitEndNoMeta.dcm",
        "GDCMJ2K_TextGBR.dcm", "J2K_pixelrep_mismatch.dcm", "JPEG-lossy.dcm", "JPEG2000-embedded-sequence-delimiter.dcm",
        "JPEG2000.dcm", "JPGExtended.dcm", "MR_small.dcm", "MR_small_RLE.dcm", "MR_small_bigendian.dcm", "MR_small_expb.dcm",
        "MR_small_implicit.dcm", "MR_small_jp2klossless.dcm", "MR_small_jpeg_ls_lossless.dcm", "MR_small_padded.dcm",
        "MR_truncated.dcm", "SC_jpeg_no_color_transform.dcm", "SC_jpeg_no_color_transform_2.dcm", "SC_rgb_dcmtk_+eb+cr.dcm",
        "SC_rgb_dcmtk_+eb+cy+n1.dcm", "SC_rgb_dcmtk_+eb+cy+n2.dcm", "SC_rgb_dcmtk_+eb+cy+np.dcm",
        "SC_rgb_dcmtk_+eb+cy+s2.dcm", "SC_rgb_dcmtk_+eb+cy+s4.dcm", "SC_rgb_gdcm_KY.dcm", "SC_rgb_jpeg.dcm",
        "SC_rgb_jpeg_app14_dcmd.dcm", "SC_rgb_jpeg_dcmd.dcm", "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_jpeg_gdcm.dcm",
        "SC_rgb_jpeg_lossy_gdcm.dcm", "SC_rgb_rle.dcm", "SC_rgb_rle_16bit.dcm", "SC_rgb_rle_16bit_2frame.dcm",
        "SC_rgb_rle_2frame.dcm", "SC_rgb_rle_32bit.dcm", "SC_rgb_rle_32bit_2frame.dcm", "SC_rgb_small_odd.dcm",
        "SC_rgb_small_odd_jpeg.dcm", "SC_ybr_full_422_uncompressed.dcm", "UN_sequence.dcm", "badVR.dcm",
        "empty_charset_LEI.dcm", "image_dfl.dcm", "liver_1frame.dcm", "liver_expb_1frame.dcm", "meta_missing_tsyntax.dcm",
        "nested_priv_SQ.dcm", "no_meta.dcm", "no_meta_group_length.dcm", "priv_SQ.dcm", "reportsi.dcm",
        "reportsi_with_empty_number_tags.dcm", "rtdose.dcm", "rtdose_1frame.dcm", "rtdose_expb.dcm",
        "rtdose_expb_1frame.dcm", "rtdose_rle.dcm", "rtdose_rle_1frame.dcm", "rtplan.dcm", "rtplan_truncated.dcm",
        "rtstruct.dcm", "test-SR.dcm", "waveform_ecg.dcm",
    ];

    [Theory]
    [MemberData(nameof(AllPydicomFiles))]
    public void AnyPydicomFile_ReadsOrFailsWithAFormatError(string name)
    {
        // Whatever the file, the process survives: a header or a DicomFormatException naming the file.
        var path = PydicomTestFiles.Path(name);
        foreach (var read in new Action[] { () => DicomFile.ReadHeader(path), () => DicomFile.ReadPixels(path) })
        {
            var error = Record.Exception(read);
            if (error is not null)
            {
                Assert.Contains(path, Assert.IsType<DicomFormatException>(error).Message);
            }
        }
    }

    [Fact]
    public void RescaleSlopeAndIntercept_AreApplied()
    {
        // CT_small has Rescale Slope 1 and Intercept -1024 (HU).
        var pixels = DicomFile.ReadPixels(PydicomTestFiles.Path("CT_small.dcm"));

        Assert.Equal(1.0, pixels.Header.RescaleSlope);
        Assert.Equal(-1024.0, pixels.Header.RescaleIntercept);
        for (var i = 0; i < pixels.StoredValues.Length; i += 97)
        {
            Assert.Equal(pixels.StoredValues[i] - 1024f, pixels.RescaledValues[i]);
        }
    }

    [Fact]
    public void NonImageObject_HasNoPixels_AndIsFlagged()
    {
        var path = PydicomTestFiles.Path("test-SR.dcm");

        var header = DicomFile.ReadHeader(path);
        var error = Assert.Throws<DicomFormatException>(() => DicomFile.ReadPixels(path));

        Assert.Equal(DicomObjectKind.StructuredReport, header.ObjectKind);
        Assert.False(header.IsImage);
        Assert.False(header.HasPixelData);
        Assert.Equal(DicomFormatError.NoPixelData, error.Error);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void ColourImage_IsRefusedWithTheReason()
    {
        var path = PydicomTestFiles.Path("SC_rgb_rle.dcm");

        var error = Assert.Throws<DicomFormatException>(() => DicomFile.ReadPixels(path));

        Assert.Equal(DicomFormatError.UnsupportedPixelData, error.Error);
        Assert.Contains("SamplesPerPixel 3", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void ParallelReads_GiveTheSameResultAsSerialOnes()
    {
        var names = new[] { "MR_small.dcm", "MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_RLE.dcm",
            "MR_small_jpeg_ls_lossless.dcm", "MR_small_jp2klossless.dcm" };
        var expected = GoldenFiles.ReadPixels("MR_small.pixels.txt");

        var results = new int[names.Length * 20][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => results[i] = DicomFile.ReadPixels(PydicomTestFiles.Path(names[i % names.Length])).StoredValues);

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
