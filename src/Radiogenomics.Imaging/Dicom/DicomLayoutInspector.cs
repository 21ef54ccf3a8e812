using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// Walks a file's element headers (seeking over values) to prove every element, item and delimiter fits
/// inside the file. Two reasons to do this before GDCM sees the file: GDCM pads a short Pixel Data value and
/// still reports success, and Debian's build asserts (aborting the whole process) on some files cut a few
/// bytes short. Only headers are read, so this costs a few kilobytes of I/O per file.
/// </summary>
internal static class DicomLayoutInspector
{
    private const uint UndefinedLength = 0xFFFFFFFF;
    private const int MaxDepth = 64;

    private const string ImplicitLittleEndian = "1.2.840.10008.1.2";
    private const string ExplicitBigEndian = "1.2.840.10008.1.2.2";
    private const string DeflatedExplicitLittleEndian = "1.2.840.10008.1.2.1.99";

    public static DicomLayout Inspect(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 16 * 1024);
        return Inspect(stream);
    }

    public static DicomLayout Inspect(Stream stream)
    {
        var fileLength = stream.Length;
        Span<byte> head = stackalloc byte[132];
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..headLength];

        var hasPreamble = headLength == 132 && head[128..132].SequenceEqual("DICM"u8);
        long metaStart;
        if (hasPreamble)
        {
            metaStart = 132;
        }
        else if (headLength >= 8 && BinaryPrimitives.ReadUInt16LittleEndian(head) == 0x0002 && IsVr(head[4], head[5]))
        {
            metaStart = 0; // a meta header without the 128-byte preamble
        }
        else
        {
            // A bare data set (ACR-NEMA style): accept only a first tag in group 0008, so random files
            // (text, zip, images) are not mistaken for DICOM.
            var guess = GuessBareDataSet(head);
            if (guess is null)
            {
                return new DicomLayout
                {
                    Status = DicomLayoutStatus.NotDicom,
                    FileLength = fileLength,
                    Detail = fileLength < 132
                        ? $"it is {fileLength} bytes long, too short for a DICOM file, and does not start with a DICOM data set"
                        : "it has no 'DICM' marker at byte 128 and does not start with a DICOM data set",
                };
            }
            return Walk(stream, fileLength, hasPreamble: false, dataSetStart: 0, transferSyntax: "", guess.Value.Explicit, guess.Value.BigEndian);
        }

        var cursor = new Cursor(stream, metaStart, bigEndian: false);
        string transferSyntax;
        try
        {
            transferSyntax = ReadMetaHeader(cursor);
        }
        catch (TruncatedException e)
        {
            return new DicomLayout { Status = DicomLayoutStatus.Truncated, FileLength = fileLength, HasPreamble = hasPreamble, Detail = e.Message };
        }
        catch (UnrecognisedException e)
        {
            return new DicomLayout { Status = DicomLayoutStatus.Unrecognised, FileLength = fileLength, HasPreamble = hasPreamble, Detail = e.Message };
        }

        var dataSetStart = cursor.Position;
        if (transferSyntax == DeflatedExplicitLittleEndian)
        {
            return WalkDeflated(stream, fileLength, hasPreamble, dataSetStart, transferSyntax);
        }

        bool explicitVr, bigEndian;
        if (transferSyntax.Length == 0)
        {
            // No (0002,0010): look at the first data set element, as GDCM and DCMTK do.
            Span<byte> first = stackalloc byte[8];
            stream.Position = dataSetStart;
            var n = stream.ReadAtLeast(first, first.Length, throwOnEndOfStream: false);
            explicitVr = n == 8 && IsVr(first[4], first[5]);
            bigEndian = false;
        }
        else
        {
            explicitVr = transferSyntax != ImplicitLittleEndian;
            bigEndian = transferSyntax == ExplicitBigEndian;
        }
        return Walk(stream, fileLength, hasPreamble, dataSetStart, transferSyntax, explicitVr, bigEndian);
    }

    private static DicomLayout WalkDeflated(Stream stream, long fileLength, bool hasPreamble, long dataSetStart, string transferSyntax)
    {
        stream.Position = dataSetStart;
        var inflated = new MemoryStream();
        try
        {
            using var deflate = new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true);
            deflate.CopyTo(inflated);
        }
        catch (InvalidDataException e)
        {
            return new DicomLayout
            {
                Status = DicomLayoutStatus.Truncated,
                FileLength = fileLength,
                HasPreamble = hasPreamble,
                TransferSyntaxUid = transferSyntax,
                Detail = $"its deflated data set cannot be inflated ({e.Message})",
            };
        }
        inflated.Position = 0;
        var layout = Walk(inflated, inflated.Length, hasPreamble, 0, transferSyntax, explicitVr: true, bigEndian: false);
        return layout with { Deflated = true, FileLength = fileLength };
    }

    private static DicomLayout Walk(Stream stream, long length, bool hasPreamble, long dataSetStart, string transferSyntax, bool explicitVr, bool bigEndian)
    {
        var state = new WalkState();
        var cursor = new Cursor(stream, dataSetStart, bigEndian);
        DicomLayoutStatus status;
        var detail = "";
        try
        {
            WalkElements(cursor, explicitVr, depth: 0, untilItemDelimiter: false, state);
            status = DicomLayoutStatus.Complete;
        }
        catch (TruncatedException e)
        {
            status = DicomLayoutStatus.Truncated;
            detail = e.Message;
        }
        catch (UnrecognisedException e)
        {
            status = DicomLayoutStatus.Unrecognised;
            detail = e.Message;
        }
        return new DicomLayout
        {
            Status = status,
            Detail = detail,
            FileLength = length,
            HasPreamble = hasPreamble,
            TransferSyntaxUid = transferSyntax,
            HasPixelData = state.PixelDataOffset >= 0,
            PixelDataOffset = state.PixelDataOffset,
            PixelDataLength = state.PixelDataLength,
            FragmentCount = state.FragmentCount,
            FirstFragmentOffset = state.FirstFragmentOffset,
            FirstFragmentLength = state.FirstFragmentLength,
            RecognitionCode = state.RecognitionCode,
        };
    }

    private static string ReadMetaHeader(Cursor cursor)
    {
        var transferSyntax = "";
        long? groupLength = null;
        long groupLengthEnd = 0;
        Span<byte> header = stackalloc byte[12];
        Span<byte> lengthValue = stackalloc byte[4];
        while (cursor.Remaining >= 2)
        {
            var start = cursor.Position;
            cursor.Read(header[..2], "a meta header element");
            if (BinaryPrimitives.ReadUInt16LittleEndian(header) != 0x0002)
            {
                cursor.Position = start;
                break;
            }
            cursor.Read(header[2..8], "the meta header element header");
            var element = BinaryPrimitives.ReadUInt16LittleEndian(header[2..]);
            if (!IsVr(header[4], header[5]))
            {
                throw new UnrecognisedException($"the meta header element (0002,{element:X4}) at byte {start} has no explicit VR");
            }
            long valueLength;
            if (HasLongLength(header[4], header[5]))
            {
                cursor.Read(header[8..12], "the meta header element length");
                valueLength = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            }
            else
            {
                valueLength = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
            }
            if (valueLength == UndefinedLength)
            {
                throw new UnrecognisedException($"the meta header element (0002,{element:X4}) has an undefined length");
            }
            if (element == 0x0010)
            {
                var value = new byte[valueLength];
                cursor.Read(value, "the Transfer Syntax UID (0002,0010)");
                transferSyntax = Encoding.ASCII.GetString(value).TrimEnd('\0', ' ');
            }
            else if (element == 0x0000 && valueLength == 4)
            {
                cursor.Read(lengthValue, "the meta header group length (0002,0000)");
                groupLength = BinaryPrimitives.ReadUInt32LittleEndian(lengthValue);
                groupLengthEnd = cursor.Position + groupLength.Value;
            }
            else
            {
                cursor.Skip(valueLength, 0x0002, element, start);
            }
        }
        // A cut exactly between two meta elements leaves no partial element: the group length tells
        // (and GDCM asserts on such files rather than failing).
        if (groupLength is not null && cursor.Length < groupLengthEnd)
        {
            throw new TruncatedException(
                $"the file ends at byte {cursor.Length}, inside the meta header that (0002,0000) says runs to byte {groupLengthEnd}");
        }
        if (cursor.Remaining < 8)
        {
            // Fewer bytes than one element's tag and length: a cut inside an element (GDCM asserts on these too).
            throw new TruncatedException(cursor.Remaining == 0
                ? $"the file ends at byte {cursor.Length}, right after the meta header, with no data set"
                : $"the file ends at byte {cursor.Length}, {cursor.Remaining} byte(s) after the meta header, inside the first element's header");
        }
        return transferSyntax;
    }

    /// <param name="limit">The end of the defined-length item being walked (its elements must fill it exactly); −1: none.</param>
    private static void WalkElements(Cursor cursor, bool explicitVr, int depth, bool untilItemDelimiter, WalkState state, long limit = -1)
    {
        if (depth > MaxDepth)
        {
            throw new UnrecognisedException($"sequences are nested more than {MaxDepth} deep");
        }
        Span<byte> header = stackalloc byte[12];
        while (true)
        {
            if (limit >= 0 && cursor.Position == limit)
            {
                return;
            }
            if (cursor.Remaining == 0)
            {
                if (untilItemDelimiter)
                {
                    throw new TruncatedException($"the file ends inside a sequence item (no item delimiter before byte {cursor.Position})");
                }
                return;
            }
            if (!untilItemDelimiter && depth == 0 && cursor.Remaining < 8 && cursor.RemainingIsZero())
            {
                return; // a few zero bytes of padding after the last element
            }

            var start = cursor.Position;
            cursor.Read(header[..4], "an element tag");
            var group = cursor.UInt16(header);
            var element = cursor.UInt16(header[2..]);

            if (group == 0xFFFE)
            {
                cursor.Read(header[4..8], "a delimiter length");
                if (element == 0xE00D && untilItemDelimiter)
                {
                    return;
                }
                throw new UnrecognisedException($"a stray ({group:X4},{element:X4}) delimiter at byte {start}");
            }

            long valueLength;
            var isUn = false;
            var isSq = false;
            if (explicitVr)
            {
                cursor.Read(header[4..8], $"the header of ({group:X4},{element:X4})");
                byte v0 = header[4], v1 = header[5];
                if (!IsVr(v0, v1))
                {
                    throw new UnrecognisedException($"element ({group:X4},{element:X4}) at byte {start} has no valid VR");
                }
                isUn = v0 == 'U' && v1 == 'N';
                isSq = v0 == 'S' && v1 == 'Q';
                if (HasLongLength(v0, v1))
                {
                    cursor.Read(header[8..12], $"the length of ({group:X4},{element:X4})");
                    valueLength = cursor.UInt32(header[8..]);
                }
                else
                {
                    valueLength = cursor.UInt16(header[6..]);
                }
            }
            else
            {
                cursor.Read(header[4..8], $"the length of ({group:X4},{element:X4})");
                valueLength = cursor.UInt32(header[4..]);
            }

            if (limit >= 0 && valueLength != UndefinedLength && cursor.Position + valueLength > limit)
            {
                throw new UnrecognisedException($"element ({group:X4},{element:X4}) at byte {start} runs {cursor.Position + valueLength - limit} byte(s) past the end of its item (byte {limit})");
            }
            var isPixelData = depth == 0 && group == 0x7FE0 && element == 0x0010;
            var isFragments = group == 0x7FE0 && element == 0x0010; // encapsulated pixel data, also in an icon sequence
            if (isPixelData)
            {
                state.PixelDataOffset = start;
            }
            if (valueLength == UndefinedLength && explicitVr && !isSq && !isUn && !(group == 0x7FE0 && element == 0x0010))
            {
                // Only SQ, UN and encapsulated Pixel Data may have an undefined length (PS3.5 7.1.2).
                throw new UnrecognisedException($"element ({group:X4},{element:X4}) at byte {start} has an undefined length, which only SQ, UN and encapsulated Pixel Data may have");
            }
            if (valueLength == UndefinedLength)
            {
                // A sequence, or encapsulated pixel data: both are items closed by a sequence delimiter.
                // An undefined-length UN holds implicit little endian, whatever the transfer syntax.
                var nestedExplicit = explicitVr && !isUn;
                var items = WalkItems(cursor, nestedExplicit, depth, group, element, start, state, itemsHoldElements: !isFragments, topLevelPixelData: isPixelData);
                if (isPixelData)
                {
                    state.PixelDataLength = null;
                    state.FragmentCount = items;
                }
            }
            else if (isSq && valueLength > 0)
            {
                // A defined-length sequence is walked too: GDCM parses it, and asserts on items that do not fit.
                var end = cursor.Position + valueLength;
                if (valueLength > cursor.Remaining) cursor.Skip(valueLength, group, element, start); // throws: truncated
                WalkDefinedLengthSequence(cursor, explicitVr, depth, group, element, start, end, state);
            }
            else if (depth == 0 && group == 0x0008 && element == 0x0010 && valueLength <= 64 && valueLength <= cursor.Remaining)
            {
                var value = new byte[valueLength];
                cursor.Read(value, "the Recognition Code (0008,0010)");
                state.RecognitionCode = Encoding.ASCII.GetString(value).TrimEnd('\0', ' ');
            }
            else
            {
                if (isPixelData)
                {
                    state.PixelDataLength = valueLength;
                }
                cursor.Skip(valueLength, group, element, start);
            }
            if (limit >= 0 && cursor.Position > limit)
            {
                throw new UnrecognisedException($"element ({group:X4},{element:X4}) at byte {start} runs past the end of its item (byte {limit})");
            }
        }
    }

    private static void WalkDefinedLengthSequence(Cursor cursor, bool explicitVr, int depth, ushort group, ushort element, long start, long end, WalkState state)
    {
        Span<byte> header = stackalloc byte[8];
        var items = 0;
        while (cursor.Position < end)
        {
            var itemStart = cursor.Position;
            if (end - itemStart < 8)
            {
                throw new UnrecognisedException($"({group:X4},{element:X4}) at byte {start} ends at byte {end}, inside the header of its item {items + 1}");
            }
            cursor.Read(header, "an item header");
            var itemGroup = cursor.UInt16(header);
            var itemElement = cursor.UInt16(header[2..]);
            var itemLength = cursor.UInt32(header[4..]);
            if (itemGroup != 0xFFFE || itemElement != 0xE000)
            {
                throw new UnrecognisedException($"expected an item inside ({group:X4},{element:X4}) at byte {itemStart}, found ({itemGroup:X4},{itemElement:X4})");
            }
            items++;
            if (itemLength == UndefinedLength)
            {
                WalkElements(cursor, explicitVr, depth + 1, untilItemDelimiter: true, state);
            }
            else if (cursor.Position + itemLength > end)
            {
                throw new UnrecognisedException($"item {items} of ({group:X4},{element:X4}) at byte {itemStart} runs {cursor.Position + itemLength - end} byte(s) past the sequence's end (byte {end})");
            }
            else
            {
                WalkElements(cursor, explicitVr, depth + 1, untilItemDelimiter: false, state, limit: cursor.Position + itemLength);
            }
            if (cursor.Position > end)
            {
                throw new UnrecognisedException($"item {items} of ({group:X4},{element:X4}) at byte {itemStart} runs past the sequence's end (byte {end})");
            }
        }
    }

    private static int WalkItems(Cursor cursor, bool explicitVr, int depth, ushort group, ushort element, long start, WalkState state, bool itemsHoldElements,
        bool topLevelPixelData = false)
    {
        Span<byte> header = stackalloc byte[8];
        var items = 0;
        while (true)
        {
            if (cursor.Remaining < 8)
            {
                throw new TruncatedException(
                    $"({group:X4},{element:X4}) at byte {start} has an undefined length, and the file ends at byte " +
                    $"{cursor.Length} before its sequence delimiter (after {items} item(s))");
            }
            var itemStart = cursor.Position;
            cursor.Read(header, "an item header");
            var itemGroup = cursor.UInt16(header);
            var itemElement = cursor.UInt16(header[2..]);
            var itemLength = cursor.UInt32(header[4..]);
            if (itemGroup != 0xFFFE)
            {
                throw new UnrecognisedException($"expected an item inside ({group:X4},{element:X4}) at byte {itemStart}, found ({itemGroup:X4},{itemElement:X4})");
            }
            if (itemElement == 0xE0DD)
            {
                return items;
            }
            if (itemElement != 0xE000)
            {
                throw new UnrecognisedException($"unexpected ({itemGroup:X4},{itemElement:X4}) inside ({group:X4},{element:X4}) at byte {itemStart}");
            }
            items++;
            if (itemLength == UndefinedLength)
            {
                WalkElements(cursor, explicitVr, depth + 1, untilItemDelimiter: true, state);
            }
            else if (itemsHoldElements && itemLength > 0)
            {
                if (itemLength > cursor.Remaining) cursor.Skip(itemLength, group, element, start, item: items); // throws: truncated
                WalkElements(cursor, explicitVr, depth + 1, untilItemDelimiter: false, state, limit: cursor.Position + itemLength);
            }
            else
            {
                if (topLevelPixelData && items == 2) // the first fragment after the basic offset table
                {
                    state.FirstFragmentOffset = cursor.Position;
                    state.FirstFragmentLength = itemLength;
                }
                cursor.Skip(itemLength, group, element, start, item: items); // a pixel-data fragment
            }
        }
    }

    private static (bool Explicit, bool BigEndian)? GuessBareDataSet(ReadOnlySpan<byte> head)
    {
        if (head.Length < 8)
        {
            return null;
        }
        if (BinaryPrimitives.ReadUInt16LittleEndian(head) == 0x0008)
        {
            return (IsVr(head[4], head[5]), false);
        }
        if (BinaryPrimitives.ReadUInt16BigEndian(head) == 0x0008 && IsVr(head[4], head[5]))
        {
            return (true, true);
        }
        return null;
    }

    private static bool IsVr(byte a, byte b) => (a, b) switch
    {
        ((byte)'A', (byte)'E' or (byte)'S' or (byte)'T') => true,
        ((byte)'C', (byte)'S') => true,
        ((byte)'D', (byte)'A' or (byte)'S' or (byte)'T') => true,
        ((byte)'F', (byte)'L' or (byte)'D') => true,
        ((byte)'I', (byte)'S') => true,
        ((byte)'L', (byte)'O' or (byte)'T') => true,
        ((byte)'O', (byte)'B' or (byte)'D' or (byte)'F' or (byte)'L' or (byte)'V' or (byte)'W') => true,
        ((byte)'P', (byte)'N') => true,
        ((byte)'S', (byte)'H' or (byte)'L' or (byte)'Q' or (byte)'S' or (byte)'T' or (byte)'V') => true,
        ((byte)'T', (byte)'M') => true,
        ((byte)'U', (byte)'C' or (byte)'I' or (byte)'L' or (byte)'N' or (byte)'R' or (byte)'S' or (byte)'T' or (byte)'V') => true,
        _ => false,
    };

    // VRs whose explicit encoding has two reserved bytes and a 32-bit length (PS3.5 7.1.2).
    private static bool HasLongLength(byte a, byte b) => (a, b) switch
    {
        ((byte)'O', _) => true,
        ((byte)'S', (byte)'Q' or (byte)'V') => true,
        ((byte)'U', (byte)'C' or (byte)'N' or (byte)'R' or (byte)'T' or (byte)'V') => true,
        _ => false,
    };

    private sealed class WalkState
    {
        public long PixelDataOffset = -1;
        public long? PixelDataLength;
        public int FragmentCount;
        public long FirstFragmentOffset = -1;
        public long FirstFragmentLength;
        public string? RecognitionCode;
    }

    /// <summary>Reads element headers and seeks over values; every overrun is a truncation.</summary>
    private sealed class Cursor(Stream stream, long start, bool bigEndian)
    {
        private long position = start;

        public long Length { get; } = stream.Length;

        public long Position
        {
            get => position;
            set => position = value;
        }

        public long Remaining => Length - position;

        public ushort UInt16(ReadOnlySpan<byte> bytes) =>
            bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

        public uint UInt32(ReadOnlySpan<byte> bytes) =>
            bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

        public void Read(Span<byte> buffer, string what)
        {
            if (Remaining < buffer.Length)
            {
                throw new TruncatedException($"the file ends at byte {Length}, inside {what} that starts at byte {position}");
            }
            if (stream.Position != position)
            {
                stream.Position = position;
            }
            stream.ReadExactly(buffer);
            position += buffer.Length;
        }

        public void Skip(long valueLength, ushort group, ushort element, long elementStart, int item = 0)
        {
            if (valueLength > Remaining)
            {
                var where = item > 0 ? $"item {item} of ({group:X4},{element:X4})" : $"element ({group:X4},{element:X4})";
                throw new TruncatedException(
                    $"{where} at byte {elementStart} declares {valueLength} value bytes from byte {position}, " +
                    $"but the file ends at byte {Length}, {valueLength - Remaining} bytes short");
            }
            position += valueLength;
        }

        public bool RemainingIsZero()
        {
            Span<byte> rest = stackalloc byte[(int)Remaining];
            stream.Position = position;
            stream.ReadExactly(rest);
            stream.Position = position;
            return !rest.ContainsAnyExcept((byte)0);
        }
    }

    private sealed class TruncatedException(string message) : Exception(message);

    private sealed class UnrecognisedException(string message) : Exception(message);
}
