using System.Runtime.InteropServices;

namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// Reads one DICOM file through GDCM: the key attributes without touching pixels, or the decoded pixels
/// for every transfer syntax GDCM supports (implicit/explicit little endian, explicit big endian, deflate,
/// RLE, JPEG baseline/extended/lossless, JPEG-LS, JPEG 2000). Every file is first walked by
/// <see cref="DicomLayoutInspector"/>, so truncated files are reported as such instead of being padded by
/// GDCM (or aborting the process inside it). Safe to call from several threads at once.
/// </summary>
public static class DicomFile
{
    private const string RedownloadFix =
        "re-download or re-copy the file (for TCIA, fetch the series again, e.g. with the NBIA Data Retriever), " +
        "or delete it if the rest of the series is complete";

    /// <summary>True when the file is a DICOM Part 10 file or a recognisable bare data set.</summary>
    public static bool IsDicom(string path) => DicomLayoutInspector.Inspect(path).Status != DicomLayoutStatus.NotDicom;

    /// <summary>Reads the key attributes (PatientID, UIDs, geometry, pixel format ...) without decoding pixels.</summary>
    /// <exception cref="DicomFormatException">Not DICOM, truncated or unreadable; the message says which and the fix.</exception>
    public static DicomHeader ReadHeader(string path)
    {
        var layout = Inspect(path);
        return ReadHeaderCore(path, layout, out _, out _);
    }

    /// <summary>Decodes the pixels: stored values and rescaled values (slope × stored + intercept).</summary>
    /// <exception cref="DicomFormatException">
    /// Not DICOM, truncated (<see cref="DicomFormatException.IsTruncated"/>), no pixel data, or pixels GDCM cannot decode.
    /// </exception>
    public static DicomPixelData ReadPixels(string path)
    {
        var layout = Inspect(path);
        // The header first (cheap, no image helpers), so the checks below run before GDCM's image code sees the file.
        var header = ReadHeaderCore(path, layout, out var framePointerWithoutFrameCount, out var slopeWithoutNumber);
        if (!header.HasPixelData)
        {
            throw new DicomFormatException(path, DicomFormatError.NoPixelData,
                $"the file has no Pixel Data (7FE0,0010), so there is no image to decode (it is a {header.ObjectKind} object, SOP class {header.SopClassUid}).",
                "read it with DicomFile.ReadHeader, or leave it out: DicomSeriesIndex flags such objects as non-image.");
        }
        CheckPixelFormat(path, header);
        if (framePointerWithoutFrameCount)
        {
            // Debian's GDCM asserts (aborting the process) on this combination instead of failing.
            throw new DicomFormatException(path, DicomFormatError.UnsupportedPixelData,
                "the file has a Frame Increment Pointer (0028,0009) but no Number of Frames (0028,0008), which GDCM cannot decode.",
                "add Number of Frames (e.g. dcmodify -i \"(0028,0008)=1\") or re-export the file.");
        }

        var expectedBytes = (long)header.Rows * header.Columns * header.NumberOfFrames * header.SamplesPerPixel * (header.BitsAllocated / 8);
        // GDCM pads a short native Pixel Data value with zeros and reports success; the declared length tells.
        if (layout.PixelDataLength is { } declared && declared < expectedBytes)
        {
            throw new DicomFormatException(path, DicomFormatError.Truncated,
                $"the file is truncated: Pixel Data holds {declared} bytes but Rows × Columns × Frames × BitsAllocated " +
                $"({header.Rows} × {header.Columns} × {header.NumberOfFrames} × {header.BitsAllocated}) needs {expectedBytes}.",
                RedownloadFix);
        }

        CheckCompressedFrame(path, header, layout);
        if (header.RescaleSlope == 0 || slopeWithoutNumber)
        {
            // GDCM asserts on a zero slope inside its reader; every value would be the intercept anyway.
            throw new DicomFormatException(path, DicomFormatError.UnsupportedPixelData,
                slopeWithoutNumber ? "Rescale Slope (0028,1053) is missing beside a Rescale Intercept, or is not a number (GDCM reads it as 0 and asserts)." : "Rescale Slope (0028,1053) is 0, which maps every pixel to the intercept.",
                "fix the Rescale Slope (usually 1, e.g. dcmodify -m \"(0028,1053)=1\") or re-export the image.");
        }
        // GDCM's image reader asserts on a Recognition Code that is not an ACR-NEMA one (a DICOM file has none at all).
        if (layout.RecognitionCode is { } code && !(code.StartsWith("ACR-NEMA", StringComparison.Ordinal) || code.StartsWith("ACRNEMA", StringComparison.Ordinal) || code.StartsWith("MIPS 2.0", StringComparison.Ordinal)))
        {
            throw new DicomFormatException(path, DicomFormatError.UnsupportedPixelData,
                $"the file carries the retired ACR-NEMA Recognition Code (0008,0010) with the unknown value '{code}', which GDCM cannot decode pixels of.",
                "remove the element (e.g. dcmodify -e \"(0008,0010)\") or re-export the image.");
        }

        using var reader = new gdcm.ImageReader();
        reader.SetFileName(path);
        // Never touch reader.GetImage() after a failed Read: GDCM's image methods crash on an empty image.
        if (!reader.Read())
        {
            throw Unreadable(path);
        }
        using var image = reader.GetImage();
        var columns = (int)image.GetDimension(0);
        var rows = (int)image.GetDimension(1);
        var frames = image.GetNumberOfDimensions() >= 3 ? (int)image.GetDimension(2) : 1;
        if (rows != header.Rows || columns != header.Columns || frames != header.NumberOfFrames)
        {
            throw new DicomFormatException(path, DicomFormatError.Unreadable,
                $"GDCM sees {rows} × {columns} × {frames} pixels but the header says Rows {header.Rows}, Columns {header.Columns}, " +
                $"NumberOfFrames {header.NumberOfFrames}.",
                "fix the Rows/Columns/NumberOfFrames attributes or re-export the image.");
        }

        using var format = image.GetPixelFormat();
        var scalar = format.GetScalarType();
        var length = image.GetBufferLength();
        if (length != expectedBytes)
        {
            throw new DicomFormatException(path, DicomFormatError.PixelDecodeFailed,
                $"GDCM decodes {length} bytes of {scalar} pixels but the header needs {expectedBytes}.",
                "re-export the image uncompressed (e.g. gdcmconv --raw) and check its pixel attributes.");
        }
        var buffer = new byte[length];
        if (!image.GetBuffer(buffer))
        {
            var tsName = TransferSyntaxName(header.TransferSyntaxUid);
            var truncatedHint = layout.Status == DicomLayoutStatus.Complete ? "corrupt" : "corrupt or cut short";
            throw new DicomFormatException(path, DicomFormatError.PixelDecodeFailed,
                $"GDCM could not decode the {tsName} pixel data ({header.TransferSyntaxUid}); the compressed stream is {truncatedHint}.",
                RedownloadFix);
        }

        var stored = ToStoredValues(path, buffer, scalar, header);
        var slope = header.RescaleSlope ?? 1.0;
        var intercept = header.RescaleIntercept ?? 0.0;
        var rescaled = new float[stored.Length];
        for (var i = 0; i < stored.Length; i++)
        {
            rescaled[i] = (float)(slope * stored[i] + intercept);
        }
        return new DicomPixelData(header, stored, rescaled, slope, intercept);
    }

    /// <summary>
    /// A reader that stopped before Pixel Data: a header costs the same for a 100 kB and a 100 MB file.
    /// The caller disposes it.
    /// </summary>
    private static gdcm.Reader OpenUpToPixelData(string path, DicomLayout layout)
    {
        GdcmRuntime.EnsureLoaded();
        var reader = new gdcm.Reader();
        reader.SetFileName(path);
        using var pixelData = NewTag(DicomTag.PixelData);
        using var skip = new gdcm.TagSetType();
        skip.Add(pixelData);
        if (!reader.ReadUpToTag(pixelData, skip))
        {
            reader.Dispose();
            throw Unreadable(path);
        }
        return reader;
    }

    private static DicomHeader ReadHeaderCore(string path, DicomLayout layout, out bool framePointerWithoutFrameCount, out bool slopeWithoutNumber)
    {
        using var reader = OpenUpToPixelData(path, layout);
        using var file = reader.GetFile();
        var header = ExtractHeader(path, file, layout);
        CheckPixelDataPresent(path, header, layout);
        using var dataSet = file.GetDataSet();
        using var framePointer = NewTag(DicomTag.FrameIncrementPointer);
        using var frameCount = NewTag(DicomTag.NumberOfFrames);
        framePointerWithoutFrameCount = dataSet.FindDataElement(framePointer) && !dataSet.FindDataElement(frameCount);
        using var slope = NewTag(DicomTag.RescaleSlope);
        using var intercept = NewTag(DicomTag.RescaleIntercept);
        bool hasSlope = dataSet.FindDataElement(slope);
        // GDCM reads a missing slope beside an intercept, or one that is not a number, as 0 and asserts.
        slopeWithoutNumber = (hasSlope && header.RescaleSlope is null) || (!hasSlope && dataSet.FindDataElement(intercept));
        return header;
    }

    /// <summary>
    /// The text GDCM's StringFilter makes of each tag (numbers in decimal, multiple values joined by '\'),
    /// trimmed; "" for absent tags. Tags after Pixel Data are not read.
    /// </summary>
    public static IReadOnlyDictionary<(ushort Group, ushort Element), string> ReadTagText(string path, IEnumerable<(ushort Group, ushort Element)> tags)
    {
        var layout = Inspect(path);
        using var reader = OpenUpToPixelData(path, layout);
        using var file = reader.GetFile();
        using var filter = new gdcm.StringFilter();
        filter.SetFile(file);
        var texts = new Dictionary<(ushort Group, ushort Element), string>();
        foreach (var tag in tags)
        {
            using var t = NewTag(tag);
            texts[tag] = DicomValueText.Trim(filter.ToString(t));
        }
        return texts;
    }

    internal static DicomLayout Inspect(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such DICOM file. Check the path (relative paths resolve against {Environment.CurrentDirectory}).", path);
        }
        var layout = DicomLayoutInspector.Inspect(path);
        return layout.Status switch
        {
            DicomLayoutStatus.NotDicom => throw new DicomFormatException(path, DicomFormatError.NotDicom,
                $"not a DICOM file: {layout.Detail}.",
                "pass DICOM files only (DicomSeriesIndex skips other files and reports them)."),
            DicomLayoutStatus.Truncated => throw new DicomFormatException(path, DicomFormatError.Truncated,
                $"the file is truncated: {layout.Detail}.", RedownloadFix),
            // GDCM asserts (aborting the whole process) on broken structure rather than failing — invalid VRs, bad
            // meta headers, undefined lengths on plain elements, stray items in pixel data, all found by fuzzing — so
            // what this walker cannot follow never reaches it.
            DicomLayoutStatus.Unrecognised => throw new DicomFormatException(path, DicomFormatError.Unreadable,
                $"the file's element structure is broken: {layout.Detail}.",
                "check the file with 'dcmdump'; re-export it from the source system (or re-download it), or leave it out."),
            _ => layout,
        };
    }

    // GDCM's JPEG, JPEG-LS and JPEG 2000 decoders assert (aborting the process) when the codestream's frame is larger
    // than the buffer the DICOM header sizes; the first fragment's own frame header tells before decoding.
    private static void CheckCompressedFrame(string path, DicomHeader header, DicomLayout layout)
    {
        if (layout.FirstFragmentOffset < 0 || layout.FirstFragmentLength <= 0) return;
        var bytes = new byte[(int)Math.Min(layout.FirstFragmentLength, 256 * 1024)];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            stream.Position = layout.FirstFragmentOffset;
            stream.ReadExactly(bytes);
        }
        if (CompressedFrameHeader.Read(bytes) is not { } frame) return;
        int bytesPerSample = (frame.Precision + 7) / 8;
        if (frame.Columns == header.Columns && frame.Rows == header.Rows && frame.Components == header.SamplesPerPixel && bytesPerSample <= header.BitsAllocated / 8)
            return;
        throw new DicomFormatException(path, DicomFormatError.PixelDecodeFailed,
            $"the {frame.Codec} stream declares {frame.Columns} × {frame.Rows} pixels, {frame.Components} component(s) of {frame.Precision} bits, but the header says " +
            $"Columns {header.Columns}, Rows {header.Rows}, SamplesPerPixel {header.SamplesPerPixel}, BitsAllocated {header.BitsAllocated}.",
            "the header and the compressed pixels disagree: re-export the image from its source, or fix Rows/Columns/SamplesPerPixel/BitsAllocated.");
    }

    private static DicomFormatException Unreadable(string path) =>
        new(path, DicomFormatError.Unreadable,
            "GDCM could not parse the data set.",
            "check the file with 'dcmdump' or 'gdcmdump'; re-export it from the source system if they fail too.");

    // A file cut exactly between two elements is structurally complete; an image SOP class without its
    // Pixel Data gives it away.
    private static void CheckPixelDataPresent(string path, DicomHeader header, DicomLayout layout)
    {
        if (layout.Status != DicomLayoutStatus.Complete || layout.HasPixelData || !IsImageStorage(header.SopClassUid))
        {
            return;
        }
        throw new DicomFormatException(path, DicomFormatError.Truncated,
            $"the file is truncated: it ends at byte {layout.FileLength} without the Pixel Data (7FE0,0010) its SOP class " +
            $"({header.SopClassUid}) requires (most likely cut short between two elements).",
            RedownloadFix);
    }

    private static bool IsImageStorage(string sopClassUid)
    {
        if (sopClassUid.Length == 0)
        {
            return false;
        }
        var type = gdcm.MediaStorage.GetMSType(sopClassUid);
        return type != gdcm.MediaStorage.MSType.MS_END && gdcm.MediaStorage.IsImage(type);
    }

    private static void CheckPixelFormat(string path, DicomHeader header)
    {
        string? problem = null;
        if (header.Rows <= 0 || header.Columns <= 0)
        {
            problem = $"Rows ({header.Rows}) and Columns ({header.Columns}) must be positive";
        }
        else if (header.SamplesPerPixel != 1)
        {
            problem = $"only greyscale images are decoded, this one has SamplesPerPixel {header.SamplesPerPixel} ({header.PhotometricInterpretation})";
        }
        else if (header.BitsAllocated is not (8 or 16 or 32))
        {
            problem = $"BitsAllocated {header.BitsAllocated} is not 8, 16 or 32";
        }
        else if (header.BitsStored <= 0 || header.BitsStored > header.BitsAllocated || header.HighBit + 1 < header.BitsStored || header.HighBit >= header.BitsAllocated)
        {
            problem = $"BitsStored {header.BitsStored} / HighBit {header.HighBit} do not fit BitsAllocated {header.BitsAllocated}";
        }
        if (problem is not null)
        {
            throw new DicomFormatException(path, DicomFormatError.UnsupportedPixelData, problem + ".",
                "convert the image to greyscale 8/16-bit pixels (e.g. with gdcmconv or dcmconv) before analysis.");
        }
    }

    private static int[] ToStoredValues(string path, byte[] buffer, gdcm.PixelFormat.ScalarType scalar, DicomHeader header)
    {
        var count = header.Rows * header.Columns * header.NumberOfFrames;
        var values = new int[count];
        switch (scalar)
        {
            case gdcm.PixelFormat.ScalarType.UINT8:
                for (var i = 0; i < count; i++) values[i] = buffer[i];
                break;
            case gdcm.PixelFormat.ScalarType.INT8:
                for (var i = 0; i < count; i++) values[i] = (sbyte)buffer[i];
                break;
            case gdcm.PixelFormat.ScalarType.UINT16:
            {
                var source = MemoryMarshal.Cast<byte, ushort>(buffer);
                for (var i = 0; i < count; i++) values[i] = source[i];
                break;
            }
            case gdcm.PixelFormat.ScalarType.INT16:
            {
                var source = MemoryMarshal.Cast<byte, short>(buffer);
                for (var i = 0; i < count; i++) values[i] = source[i];
                break;
            }
            case gdcm.PixelFormat.ScalarType.INT32:
                MemoryMarshal.Cast<byte, int>(buffer)[..count].CopyTo(values);
                break;
            case gdcm.PixelFormat.ScalarType.UINT32:
            {
                var source = MemoryMarshal.Cast<byte, uint>(buffer);
                for (var i = 0; i < count; i++)
                {
                    if (source[i] > int.MaxValue)
                    {
                        throw new DicomFormatException(path, DicomFormatError.UnsupportedPixelData,
                            $"an unsigned 32-bit pixel value ({source[i]}) exceeds the supported range.",
                            "rescale the image to at most 31 bits before analysis.");
                    }
                    values[i] = (int)source[i];
                }
                break;
            }
            default:
                throw new DicomFormatException(path, DicomFormatError.UnsupportedPixelData,
                    $"GDCM decodes the pixels as {scalar}, which this reader does not handle.",
                    "convert the image to 8/16-bit integer pixels (e.g. with gdcmconv) before analysis.");
        }

        // Keep only Bits Stored (bits above may hold overlays) and sign-extend; a no-op for the common
        // BitsStored == BitsAllocated case and idempotent when GDCM has already done it.
        if (header.BitsStored < header.BitsAllocated)
        {
            var shift = header.HighBit + 1 - header.BitsStored;
            var mask = (1 << header.BitsStored) - 1;
            var sign = 1 << (header.BitsStored - 1);
            var signed = header.PixelRepresentation == 1;
            for (var i = 0; i < values.Length; i++)
            {
                var v = (values[i] >> shift) & mask;
                values[i] = signed && (v & sign) != 0 ? v - (1 << header.BitsStored) : v;
            }
        }
        return values;
    }

    private static DicomHeader ExtractHeader(string path, gdcm.File file, DicomLayout layout)
    {
        using var filter = new gdcm.StringFilter();
        filter.SetFile(file);
        string Text((ushort Group, ushort Element) tag)
        {
            using var t = NewTag(tag);
            return DicomValueText.Trim(filter.ToString(t));
        }

        var transferSyntax = layout.TransferSyntaxUid.Length > 0 ? layout.TransferSyntaxUid : Text(DicomTag.TransferSyntaxUid);
        if (transferSyntax.Length == 0)
        {
            using var header = file.GetHeader();
            using var ts = header.GetDataSetTransferSyntax();
            transferSyntax = ts.IsValid() ? DicomValueText.Trim(ts.GetString()) : "";
        }

        var orientation = DicomValueText.ParseDecimals(Text(DicomTag.ImageOrientationPatient));
        var position = DicomValueText.ParseDecimals(Text(DicomTag.ImagePositionPatient));
        var spacing = DicomValueText.ParseDecimals(Text(DicomTag.PixelSpacing));
        var acquisitionTime = Text(DicomTag.AcquisitionTime);
        var rows = DicomValueText.ParseInteger(Text(DicomTag.Rows)) ?? 0;
        var columns = DicomValueText.ParseInteger(Text(DicomTag.Columns)) ?? 0;
        var bitsAllocated = DicomValueText.ParseInteger(Text(DicomTag.BitsAllocated)) ?? 0;
        var bitsStored = DicomValueText.ParseInteger(Text(DicomTag.BitsStored)) ?? bitsAllocated;
        var sopClass = Text(DicomTag.SopClassUid);
        if (sopClass.Length == 0)
        {
            sopClass = Text(DicomTag.MediaStorageSopClassUid); // the meta header's copy
        }
        var modality = Text(DicomTag.Modality);
        var hasPixelData = layout.Status == DicomLayoutStatus.Complete
            ? layout.HasPixelData
            : layout.HasPixelData || (rows > 0 && columns > 0 && bitsAllocated > 0);

        return new DicomHeader
        {
            FilePath = path,
            FileSize = layout.FileLength,
            TransferSyntaxUid = transferSyntax,
            PatientId = Text(DicomTag.PatientId),
            PatientName = Text(DicomTag.PatientName),
            PatientBirthDate = Text(DicomTag.PatientBirthDate),
            StudyInstanceUid = Text(DicomTag.StudyInstanceUid),
            SeriesInstanceUid = Text(DicomTag.SeriesInstanceUid),
            SopInstanceUid = Text(DicomTag.SopInstanceUid),
            SopClassUid = sopClass,
            FrameOfReferenceUid = Text(DicomTag.FrameOfReferenceUid),
            StudyDate = Text(DicomTag.StudyDate),
            Modality = modality,
            Manufacturer = Text(DicomTag.Manufacturer),
            ManufacturerModelName = Text(DicomTag.ManufacturerModelName),
            MagneticFieldStrength = DicomValueText.ParseDecimal(Text(DicomTag.MagneticFieldStrength)),
            BodyPartExamined = Text(DicomTag.BodyPartExamined),
            SeriesDescription = Text(DicomTag.SeriesDescription),
            SeriesNumber = DicomValueText.ParseInteger(Text(DicomTag.SeriesNumber)),
            AcquisitionNumber = DicomValueText.ParseInteger(Text(DicomTag.AcquisitionNumber)),
            InstanceNumber = DicomValueText.ParseInteger(Text(DicomTag.InstanceNumber)),
            TemporalPositionIdentifier = DicomValueText.ParseInteger(Text(DicomTag.TemporalPositionIdentifier)),
            TriggerTime = DicomValueText.ParseDecimal(Text(DicomTag.TriggerTime)),
            AcquisitionTimeText = acquisitionTime,
            AcquisitionTime = DicomValueText.ParseTime(acquisitionTime),
            EchoTime = DicomValueText.ParseDecimal(Text(DicomTag.EchoTime)),
            RepetitionTime = DicomValueText.ParseDecimal(Text(DicomTag.RepetitionTime)),
            FlipAngle = DicomValueText.ParseDecimal(Text(DicomTag.FlipAngle)),
            ImagePositionPatient = position.Length == 3 ? new Vector3D(position[0], position[1], position[2]) : null,
            ImageOrientationPatient = orientation.Length == 6
                ? new ImageOrientation(new Vector3D(orientation[0], orientation[1], orientation[2]), new Vector3D(orientation[3], orientation[4], orientation[5]))
                : null,
            PixelSpacing = spacing.Length == 2 ? new PixelSpacing(spacing[0], spacing[1]) : null,
            SliceThickness = DicomValueText.ParseDecimal(Text(DicomTag.SliceThickness)),
            SliceLocation = DicomValueText.ParseDecimal(Text(DicomTag.SliceLocation)),
            Rows = rows,
            Columns = columns,
            NumberOfFrames = Math.Max(1, DicomValueText.ParseInteger(Text(DicomTag.NumberOfFrames)) ?? 1),
            SamplesPerPixel = DicomValueText.ParseInteger(Text(DicomTag.SamplesPerPixel)) ?? 1,
            PhotometricInterpretation = Text(DicomTag.PhotometricInterpretation),
            BitsAllocated = bitsAllocated,
            BitsStored = bitsStored,
            HighBit = DicomValueText.ParseInteger(Text(DicomTag.HighBit)) ?? bitsStored - 1,
            PixelRepresentation = DicomValueText.ParseInteger(Text(DicomTag.PixelRepresentation)) ?? 0,
            RescaleSlope = DicomValueText.ParseDecimal(Text(DicomTag.RescaleSlope)),
            RescaleIntercept = DicomValueText.ParseDecimal(Text(DicomTag.RescaleIntercept)),
            HasPixelData = hasPixelData,
            IsEncapsulated = layout.HasPixelData && layout.PixelDataLength is null,
            ObjectKind = DicomObjectClassifier.Classify(sopClass, modality, hasPixelData),
        };
    }

    internal static gdcm.Tag NewTag((ushort Group, ushort Element) tag) => new(tag.Group, tag.Element);

    /// <summary>A readable name for the transfer syntaxes met in practice; the UID otherwise.</summary>
    public static string TransferSyntaxName(string uid) => uid switch
    {
        "1.2.840.10008.1.2" => "implicit VR little endian",
        "1.2.840.10008.1.2.1" => "explicit VR little endian",
        "1.2.840.10008.1.2.1.99" => "deflated explicit VR little endian",
        "1.2.840.10008.1.2.2" => "explicit VR big endian",
        "1.2.840.10008.1.2.5" => "RLE lossless",
        "1.2.840.10008.1.2.4.50" => "JPEG baseline",
        "1.2.840.10008.1.2.4.51" => "JPEG extended",
        "1.2.840.10008.1.2.4.57" => "JPEG lossless",
        "1.2.840.10008.1.2.4.70" => "JPEG lossless SV1",
        "1.2.840.10008.1.2.4.80" => "JPEG-LS lossless",
        "1.2.840.10008.1.2.4.81" => "JPEG-LS near-lossless",
        "1.2.840.10008.1.2.4.90" => "JPEG 2000 lossless",
        "1.2.840.10008.1.2.4.91" => "JPEG 2000",
        _ => uid.Length == 0 ? "unknown transfer syntax" : uid,
    };
}
