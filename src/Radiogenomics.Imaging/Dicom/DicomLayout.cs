namespace Radiogenomics.Imaging.Dicom;

/// <summary>Where the parts of a DICOM file are, found by <see cref="DicomLayoutInspector"/>.</summary>
internal sealed record DicomLayout
{
    public required DicomLayoutStatus Status { get; init; }

    /// <summary>Why the status is not <see cref="DicomLayoutStatus.Complete"/>.</summary>
    public string Detail { get; init; } = "";

    public long FileLength { get; init; }

    public bool HasPreamble { get; init; }

    /// <summary>From (0002,0010); empty when the file has no meta header or the header lacks it.</summary>
    public string TransferSyntaxUid { get; init; } = "";

    /// <summary>The data set was deflated, so offsets below refer to the inflated stream.</summary>
    public bool Deflated { get; init; }

    public bool HasPixelData { get; init; }

    /// <summary>Offset of the top-level Pixel Data element's tag.</summary>
    public long PixelDataOffset { get; init; }

    /// <summary>The declared value length; null when the pixel data is encapsulated (undefined length).</summary>
    public long? PixelDataLength { get; init; }

    /// <summary>Items in encapsulated pixel data, the basic offset table included.</summary>
    public int FragmentCount { get; init; }

    /// <summary>File offset of the first pixel-data fragment after the basic offset table (−1: none, or a deflated file).</summary>
    public long FirstFragmentOffset { get; init; } = -1;

    public long FirstFragmentLength { get; init; }

    /// <summary>The retired ACR-NEMA Recognition Code (0008,0010) at the top level, when present (null otherwise).</summary>
    public string? RecognitionCode { get; init; }
}
