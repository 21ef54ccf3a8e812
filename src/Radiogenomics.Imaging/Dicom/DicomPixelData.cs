namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// Decoded pixels of one file: <see cref="StoredValues"/> are the values as stored (after decompression,
/// masked to Bits Stored and sign-extended), <see cref="RescaledValues"/> are slope × stored + intercept.
/// Both are row-major, frame after frame: index = (frame × Rows + row) × Columns + column.
/// </summary>
public sealed class DicomPixelData
{
    internal DicomPixelData(DicomHeader header, int[] storedValues, float[] rescaledValues, double slope, double intercept)
    {
        Header = header;
        StoredValues = storedValues;
        RescaledValues = rescaledValues;
        RescaleSlope = slope;
        RescaleIntercept = intercept;
    }

    public DicomHeader Header { get; }

    public int Rows => Header.Rows;

    public int Columns => Header.Columns;

    public int Frames => Header.NumberOfFrames;

    public int[] StoredValues { get; }

    public float[] RescaledValues { get; }

    /// <summary>The slope applied (1 when the file has none).</summary>
    public double RescaleSlope { get; }

    /// <summary>The intercept applied (0 when the file has none).</summary>
    public double RescaleIntercept { get; }

    public ReadOnlySpan<int> StoredFrame(int frame) => StoredValues.AsSpan(FrameRange(frame));

    public ReadOnlySpan<float> RescaledFrame(int frame) => RescaledValues.AsSpan(FrameRange(frame));

    private Range FrameRange(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, Frames);
        var size = Rows * Columns;
        return new Range(frame * size, (frame + 1) * size);
    }
}
