using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests;

public class DicomLayoutInspectorTests
{
    // Files pydicom ships that DCMTK's dcmdump reads without error, so none may be called truncated.
    public static TheoryData<string> WellFormedFiles =>
    [
        "693_J2KI.dcm", "CT_small.dcm", "ExplVR_BigEnd.dcm", "ExplVR_BigEndNoMeta.dcm", "ExplVR_LitEndNoMeta.dcm",
        "GDCMJ2K_TextGBR.dcm", "J2K_pixelrep_mismatch.dcm", "JPEG-lossy.dcm", "JPEG2000-embedded-sequence-delimiter.dcm",
        "JPEG2000.dcm", "MR_small.dcm", "MR_small_RLE.dcm", "MR_small_bigendian.dcm", "MR_small_expb.dcm",
        "MR_small_implicit.dcm", "MR_small_jp2klossless.dcm", "MR_small_jpeg_ls_lossless.dcm", "MR_small_padded.dcm",
        "SC_rgb_rle_16bit_2frame.dcm", "SC_rgb_small_odd.dcm", "UN_sequence.dcm", "badVR.dcm", "empty_charset_LEI.dcm",
        "image_dfl.dcm", "liver_1frame.dcm", "liver_expb_1frame.dcm", "meta_missing_tsyntax.dcm", "nested_priv_SQ.dcm",
        "no_meta_group_length.dcm", "priv_SQ.dcm", "reportsi.dcm", "rtdose.dcm", "rtdose_rle.dcm", "rtplan.dcm",
        "rtstruct.dcm", "test-SR.dcm", "waveform_ecg.dcm",
    ];

    [Theory]
    [MemberData(nameof(WellFormedFiles))]
    public void WellFormedFile_IsNeverTruncated(string name)
    {
        var layout = DicomLayoutInspector.Inspect(PydicomTestFiles.Path(name));

        Assert.NotEqual(DicomLayoutStatus.Truncated, layout.Status);
        Assert.NotEqual(DicomLayoutStatus.NotDicom, layout.Status);
    }

    [Theory]
    [InlineData("MR_small.dcm", 8192L, 0)]
    [InlineData("MR_small_bigendian.dcm", 8192L, 0)]
    [InlineData("MR_small_RLE.dcm", null, 2)]
    [InlineData("MR_small_jp2klossless.dcm", null, 2)]
    public void PixelData_IsLocated(string name, long? length, int fragments)
    {
        var layout = DicomLayoutInspector.Inspect(PydicomTestFiles.Path(name));

        Assert.Equal(DicomLayoutStatus.Complete, layout.Status);
        Assert.True(layout.HasPixelData);
        Assert.Equal(length, layout.PixelDataLength);
        Assert.Equal(fragments, layout.FragmentCount);
    }

    [Fact]
    public void TruncatedFiles_AreTruncated()
    {
        Assert.Equal(DicomLayoutStatus.Truncated, DicomLayoutInspector.Inspect(PydicomTestFiles.Path("MR_truncated.dcm")).Status);
        Assert.Equal(DicomLayoutStatus.Truncated, DicomLayoutInspector.Inspect(PydicomTestFiles.Path("rtplan_truncated.dcm")).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("Collection,Subject ID,File Location\nTCGA-BRCA,TCGA-AO-A0J2,./TCGA-BRCA/TCGA-AO-A0J2\n")]
    public void TextFiles_AreNotDicom(string content)
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("file.txt");
        File.WriteAllText(path, content);

        Assert.Equal(DicomLayoutStatus.NotDicom, DicomLayoutInspector.Inspect(path).Status);
        Assert.False(DicomFile.IsDicom(path));
        var error = Assert.Throws<DicomFormatException>(() => DicomFile.ReadHeader(path));
        Assert.Equal(DicomFormatError.NotDicom, error.Error);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void RandomBinary_IsNotDicom()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("blob.bin");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);

        Assert.Equal(DicomLayoutStatus.NotDicom, DicomLayoutInspector.Inspect(path).Status);
    }

    [Fact]
    public void MissingFile_SaysSo()
    {
        var error = Assert.Throws<FileNotFoundException>(() => DicomFile.ReadHeader("/nonexistent/x.dcm"));
        Assert.Contains("/nonexistent/x.dcm", error.Message);
    }
}
