using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests;

/// <summary>
/// GDCM pads a short Pixel Data value and reports success, and Debian's build aborts the process (assert in
/// FileMetaInformation::ReadCompat) on files cut a few bytes short: every cut below must come back as a
/// <see cref="DicomFormatException"/> that says "truncated", with the process still alive.
/// </summary>
public class TruncationTests
{
    public static TheoryData<string> Encodings =>
        ["MR_small", "MR_small_implicit", "MR_small_bigendian", "MR_small_RLE", "MR_small_jpeg_ls_lossless", "MR_small_jp2klossless"];

    [Fact]
    public void PydicomTruncatedFile_IsReportedAsTruncated()
    {
        var path = PydicomTestFiles.Path("MR_truncated.dcm");

        var pixels = Assert.Throws<DicomFormatException>(() => DicomFile.ReadPixels(path));
        var header = Assert.Throws<DicomFormatException>(() => DicomFile.ReadHeader(path));

        foreach (var error in new[] { pixels, header })
        {
            Assert.True(error.IsTruncated);
            Assert.Equal(path, error.FilePath);
            Assert.Contains(path, error.Message);
            Assert.Contains("truncated", error.Message);
            Assert.Contains("(7FE0,0010)", error.Message);
            Assert.Contains("Fix:", error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void CutAnywhere_IsReportedAsTruncated(string name)
    {
        using var temp = new TempDirectory();
        var source = PydicomTestFiles.Path($"{name}.dcm");
        var length = new FileInfo(source).Length;
        // Inside the meta header, inside the data set, inside Pixel Data (or its fragments), and the last bytes.
        long[] cuts = [133, 140, 200, 300, 700, length / 2, length - 1000, length - 100, length - 7, length - 2, length - 1];

        foreach (var cut in cuts)
        {
            var path = GdcmFixtures.Truncated(source, temp.Path, cut);

            var error = Assert.Throws<DicomFormatException>(() => DicomFile.ReadPixels(path));

            Assert.True(error.IsTruncated, $"{name} cut to {cut} bytes: {error.Error}: {error.Message}");
            Assert.Contains("truncated", error.Message);
            Assert.Contains(path, error.Message);
            Assert.True(Assert.Throws<DicomFormatException>(() => DicomFile.ReadHeader(path)).IsTruncated);
        }
    }

    [Fact]
    public void FileCutBetweenElements_BeforePixelData_IsTruncated()
    {
        // Structurally complete (ends on an element boundary) but an MR image without Pixel Data.
        using var temp = new TempDirectory();
        var source = PydicomTestFiles.Path("MR_small.dcm");
        var pixelDataOffset = DicomLayoutInspector.Inspect(source).PixelDataOffset;
        var path = GdcmFixtures.Truncated(source, temp.Path, pixelDataOffset);

        var error = Assert.Throws<DicomFormatException>(() => DicomFile.ReadPixels(path));

        Assert.True(error.IsTruncated, error.Message);
        Assert.Contains("without the Pixel Data", error.Message);
    }

    [Fact]
    public void PaddedPixelData_IsNotTruncation()
    {
        // MR_small_padded has a Pixel Data value longer than the image needs: fine.
        var pixels = DicomFile.ReadPixels(PydicomTestFiles.Path("MR_small_padded.dcm"));

        Assert.Equal(GoldenFiles.ReadPixels("MR_small.pixels.txt"), pixels.StoredValues);
    }

    [Fact]
    public void CorruptCompressedStream_IsADecodeFailureNamingTheFile()
    {
        // Same length, garbage in the JPEG-LS code stream: complete structure, undecodable content.
        using var temp = new TempDirectory();
        var bytes = File.ReadAllBytes(PydicomTestFiles.Path("MR_small_jpeg_ls_lossless.dcm"));
        var start = bytes.Length - 4400;
        for (var i = start; i < start + 64; i++)
        {
            bytes[i] = 0xFF;
        }
        var path = temp.Combine("corrupt.dcm");
        File.WriteAllBytes(path, bytes);

        var error = Record.Exception(() => DicomFile.ReadPixels(path));

        // Either GDCM notices (decode failure) or it decodes garbage; it must not crash or claim truncation.
        if (error is not null)
        {
            var format = Assert.IsType<DicomFormatException>(error);
            Assert.False(format.IsTruncated);
            Assert.Contains(path, format.Message);
        }
    }
}
