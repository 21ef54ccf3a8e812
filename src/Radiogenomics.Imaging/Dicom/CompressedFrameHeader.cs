using System.Buffers.Binary;

namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// The frame size a compressed pixel-data fragment declares in its own headers: a JPEG or JPEG-LS start-of-frame
/// (SOFn / SOF55) or a JPEG 2000 codestream's SIZ marker. GDCM asserts (aborting the process) when such a frame is
/// larger than the DICOM header's Rows × Columns × Samples promise, so the two are compared before decoding.
/// </summary>
internal readonly record struct CompressedFrameHeader(int Columns, int Rows, int Components, int Precision, string Codec)
{
    /// <summary>The declared frame, or null when the fragment is not a JPEG/JPEG-LS/JPEG 2000 codestream this reads.</summary>
    public static CompressedFrameHeader? Read(ReadOnlySpan<byte> fragment)
    {
        if (fragment.Length >= 4 && fragment[0] == 0xFF && fragment[1] == 0xD8) return ReadJpeg(fragment);
        if (fragment.Length >= 4 && fragment[0] == 0xFF && fragment[1] == 0x4F && fragment[2] == 0xFF && fragment[3] == 0x51) return ReadJpeg2000(fragment);
        return null;
    }

    private static CompressedFrameHeader? ReadJpeg(ReadOnlySpan<byte> data)
    {
        int at = 2;
        while (at + 4 <= data.Length)
        {
            if (data[at] != 0xFF) return null;
            byte marker = data[at + 1];
            if (marker == 0xFF) { at++; continue; } // fill byte
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { at += 2; continue; } // no length
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            bool startOfFrame = marker is (>= 0xC0 and <= 0xCF) and not 0xC4 and not 0xC8 and not 0xCC || marker == 0xF7;
            if (startOfFrame)
            {
                if (at + 10 > data.Length || length < 8) return null;
                var sof = data[(at + 4)..];
                return new CompressedFrameHeader(BinaryPrimitives.ReadUInt16BigEndian(sof[3..]), BinaryPrimitives.ReadUInt16BigEndian(sof[1..]), sof[5], sof[0],
                    marker == 0xF7 ? "JPEG-LS" : "JPEG");
            }
            if (marker is 0xDA or 0xD9) return null; // scan data before any frame header
            at += 2 + length;
        }
        return null;
    }

    private static CompressedFrameHeader? ReadJpeg2000(ReadOnlySpan<byte> data)
    {
        // SOC, then SIZ: Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz, XTsiz, YTsiz, XTOsiz, YTOsiz, Csiz, then Ssiz of each component.
        if (data.Length < 4 + 38 + 1) return null;
        var siz = data[4..];
        long width = (long)BinaryPrimitives.ReadUInt32BigEndian(siz[4..]) - BinaryPrimitives.ReadUInt32BigEndian(siz[12..]);
        long height = (long)BinaryPrimitives.ReadUInt32BigEndian(siz[8..]) - BinaryPrimitives.ReadUInt32BigEndian(siz[16..]);
        int components = BinaryPrimitives.ReadUInt16BigEndian(siz[36..]);
        int precision = (siz[38] & 0x7F) + 1;
        if (width is < 0 or > int.MaxValue || height is < 0 or > int.MaxValue) return new CompressedFrameHeader(-1, -1, components, precision, "JPEG 2000");
        return new CompressedFrameHeader((int)width, (int)height, components, precision, "JPEG 2000");
    }
}
