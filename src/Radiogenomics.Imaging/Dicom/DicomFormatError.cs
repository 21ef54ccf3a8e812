namespace Radiogenomics.Imaging.Dicom;

/// <summary>Why a file could not be read as DICOM.</summary>
public enum DicomFormatError
{
    /// <summary>No DICOM Part 10 marker and no recognisable data set.</summary>
    NotDicom,

    /// <summary>The file ends before an element (often Pixel Data) is complete: a cut download or copy.</summary>
    Truncated,

    /// <summary>GDCM could not parse the data set.</summary>
    Unreadable,

    /// <summary>The pixel data could not be decoded (corrupt compressed stream, unsupported codec).</summary>
    PixelDecodeFailed,

    /// <summary>Pixel layout this reader does not handle (colour, 1-bit, float pixel data).</summary>
    UnsupportedPixelData,

    /// <summary>The file has no Pixel Data element (SR, PR, KO and other non-image objects).</summary>
    NoPixelData,
}
