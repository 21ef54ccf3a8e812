using System.Buffers;
using static Radiogenomics.Imaging.Dicom.DicomElementEncoder;
using VR = gdcm.VR.VRType;

namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// Writes MR image series, one file per slice and phase: MR Image Storage, explicit VR little endian, a meta
/// header filled in by GDCM, 16-bit greyscale pixels. Several phases go into one series with Temporal Position
/// Identifier 1..n (the "multi-volume" DCE layout of most TCGA-BRCA exams); write one phase per call with its
/// own series UID for the one-series-per-phase layout. Files are named &lt;phase&gt;-&lt;slice&gt;.dcm
/// (1-001.dcm ...), as the NBIA Data Retriever names them, and appear atomically (written then renamed).
/// </summary>
public sealed class MrSeriesWriter
{
    private const string MrImageStorage = "1.2.840.10008.5.1.4.1.1.4";

    private readonly DicomUidGenerator uids;
    private readonly int maxDegreeOfParallelism;

    /// <param name="uids">Makes SOP Instance and Frame of Reference UIDs; deterministic ones make a reproducible cohort.</param>
    /// <param name="maxDegreeOfParallelism">Files written at once; -1: one per processor.</param>
    public MrSeriesWriter(DicomUidGenerator uids, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(uids);
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use -1 (all processors) or a positive count.");
        }
        this.uids = uids;
        this.maxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    /// <summary>Writes a single-phase series.</summary>
    public IReadOnlyList<string> Write(string directory, MrSeriesInfo series, VolumeGeometry geometry, MrVolumeData pixels,
        CancellationToken cancellationToken = default) =>
        Write(directory, series, geometry, [new MrPhase { Pixels = pixels }], cancellationToken);

    /// <summary>
    /// Writes every phase of the series into <paramref name="directory"/> (created if needed) and returns the
    /// paths, phase after phase, slice after slice. Throws <see cref="ArgumentException"/> for inconsistent input
    /// before writing anything, and <see cref="IOException"/> naming the file when a write fails.
    /// </summary>
    public IReadOnlyList<string> Write(string directory, MrSeriesInfo series, VolumeGeometry geometry, IReadOnlyList<MrPhase> phases,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(phases);
        geometry.Validate(requireSliceSpacing: series.SlicePositions is null);
        if (series.SlicePositions is { } explicitPositions && explicitPositions.Count != geometry.Slices)
            throw new ArgumentException($"{explicitPositions.Count} slice positions for {geometry.Slices} slices.", nameof(series));
        if (series.SliceThickness is { } thickness && !(thickness > 0))
            throw new ArgumentException($"SliceThickness ({thickness}) must be positive.", nameof(series));
        var normal = geometry.RowDirection.Cross(geometry.ColumnDirection).Normalized();
        if (phases.Count == 0)
        {
            throw new ArgumentException("An MR series needs at least one phase.", nameof(phases));
        }
        var sliceSize = geometry.Rows * geometry.Columns;
        var temporalPositions = new int?[phases.Count];
        for (var p = 0; p < phases.Count; p++)
        {
            var voxels = phases[p].Pixels.Length;
            if (voxels != sliceSize * geometry.Slices)
            {
                throw new ArgumentException(
                    $"Phase {p + 1} has {voxels} voxels but the geometry needs Slices × Rows × Columns = " +
                    $"{geometry.Slices} × {geometry.Rows} × {geometry.Columns} = {sliceSize * geometry.Slices}.", nameof(phases));
            }
            phases[p].Pixels.CheckStorable(sliceSize);
            temporalPositions[p] = phases[p].TemporalPositionIdentifier ?? (phases.Count > 1 ? p + 1 : null);
        }
        if (temporalPositions.Where(t => t is not null).GroupBy(t => t).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"Temporal Position Identifier {repeated.Key} is used by more than one phase.", nameof(phases));
        }

        var seriesElements = SeriesElements(series, geometry, phases.Count);
        var phaseElements = new List<EncodedElement>[phases.Count];
        for (var p = 0; p < phases.Count; p++)
        {
            phaseElements[p] = PhaseElements(phases[p], temporalPositions[p]);
        }

        GdcmRuntime.EnsureLoaded();
        Directory.CreateDirectory(directory);
        var total = phases.Count * geometry.Slices;
        var paths = new string[total];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, total, options, index => WriteOne(index));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Surface the first failure itself (an IOException naming the file), not the wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return paths;

        void WriteOne(int index)
        {
            var phase = index / geometry.Slices;
            var slice = index % geometry.Slices;
            var path = Path.Combine(directory, FileName(phase, slice, geometry.Slices));
            var position = series.SlicePositions is { } positions ? positions[slice] : geometry.ImagePositionPatient(slice);
            // Keyed by temporal position, so phases of one series written by separate calls do not collide.
            var sopInstanceUid = uids.Create($"sop/{series.SeriesInstanceUid}/{temporalPositions[phase] ?? phase + 1}/{slice + 1}");
            List<EncodedElement> sliceElements =
            [
                Uid(DicomTag.SopInstanceUid, sopInstanceUid, "SOP Instance UID"),
                Integer(DicomTag.InstanceNumber, index + 1, "Instance Number"),
                Decimal(DicomTag.ImagePositionPatient, "Image Position (Patient)", position.X, position.Y, position.Z),
                Decimal(DicomTag.SliceLocation, "Slice Location", Vector3D.Dot(position, normal)),
            ];
            WriteFile(path, seriesElements, phaseElements[phase], sliceElements, phases[phase].Pixels, slice, sliceSize);
            paths[index] = path;
        }
    }

    private static string FileName(int phase, int slice, int slices) =>
        $"{phase + 1}-{(slice + 1).ToString(slices >= 1000 ? "D4" : "D3", System.Globalization.CultureInfo.InvariantCulture)}.dcm";

    private List<EncodedElement> SeriesElements(MrSeriesInfo s, VolumeGeometry g, int phaseCount)
    {
        var texts = new[] { s.PatientName, s.PatientId, s.StudyDescription, s.SeriesDescription, s.Manufacturer, s.ManufacturerModelName,
            s.StudyId, s.AccessionNumber, s.SequenceName, s.ContrastBolusAgent };
        var utf8 = !texts.All(IsAscii);
        var studyDate = s.StudyDate is { } date ? DicomValueText.FormatDate(date) : "";
        var studyTime = s.StudyTime is { } time ? DicomValueText.FormatTime(time) : "";
        var (row, column) = (g.RowDirection, g.ColumnDirection);
        var elements = new List<EncodedElement>
        {
            Text(DicomTag.ImageType, VR.CS, string.Join('\\', s.ImageType), "Image Type"),
            Uid(DicomTag.SopClassUid, MrImageStorage, "SOP Class UID"),
            Text(DicomTag.StudyDate, VR.DA, studyDate, "Study Date"),
            Text(DicomTag.SeriesDate, VR.DA, studyDate, "Series Date"),
            Text(DicomTag.AcquisitionDate, VR.DA, studyDate, "Acquisition Date"),
            Text(DicomTag.ContentDate, VR.DA, studyDate, "Content Date"),
            Text(DicomTag.StudyTime, VR.TM, studyTime, "Study Time"),
            Text(DicomTag.SeriesTime, VR.TM, studyTime, "Series Time"),
            Text(DicomTag.AccessionNumber, VR.SH, s.AccessionNumber, "Accession Number", utf8),
            Text(DicomTag.Modality, VR.CS, "MR", "Modality"),
            Text(DicomTag.Manufacturer, VR.LO, s.Manufacturer, "Manufacturer", utf8),
            Empty(DicomTag.ReferringPhysicianName, VR.PN),
            Text(DicomTag.SeriesDescription, VR.LO, s.SeriesDescription, "Series Description", utf8),
            Text(DicomTag.PatientName, VR.PN, s.PatientName, "Patient Name", utf8),
            Text(DicomTag.PatientId, VR.LO, RequireText(s.PatientId, "Patient ID"), "Patient ID", utf8),
            Text(DicomTag.PatientBirthDate, VR.DA, s.PatientBirthDate is { } birth ? DicomValueText.FormatDate(birth) : "", "Patient Birth Date"),
            Text(DicomTag.PatientSex, VR.CS, s.PatientSex, "Patient Sex"),
            Text(DicomTag.BodyPartExamined, VR.CS, s.BodyPartExamined, "Body Part Examined"),
            Text(DicomTag.ScanningSequence, VR.CS, RequireText(s.ScanningSequence, "Scanning Sequence"), "Scanning Sequence"),
            Text(DicomTag.SequenceVariant, VR.CS, RequireText(s.SequenceVariant, "Sequence Variant"), "Sequence Variant"),
            Text(DicomTag.ScanOptions, VR.CS, s.ScanOptions, "Scan Options"),
            Text(DicomTag.MrAcquisitionType, VR.CS, s.MrAcquisitionType, "MR Acquisition Type"),
            Decimal(DicomTag.SliceThickness, "Slice Thickness", s.SliceThickness ?? (g.SliceSpacing > 0 ? g.SliceSpacing : 1)),
            Text(DicomTag.ImagedNucleus, VR.SH, "1H", "Imaged Nucleus"),
            Text(DicomTag.PatientPosition, VR.CS, s.PatientPosition, "Patient Position"),
            Uid(DicomTag.StudyInstanceUid, s.StudyInstanceUid, "Study Instance UID"),
            Uid(DicomTag.SeriesInstanceUid, s.SeriesInstanceUid, "Series Instance UID"),
            Text(DicomTag.StudyId, VR.SH, s.StudyId, "Study ID", utf8),
            Integer(DicomTag.SeriesNumber, s.SeriesNumber, "Series Number"),
            Decimal(DicomTag.ImageOrientationPatient, "Image Orientation (Patient)", row.X, row.Y, row.Z, column.X, column.Y, column.Z),
            Uid(DicomTag.FrameOfReferenceUid, s.FrameOfReferenceUid ?? uids.Create($"for/{s.StudyInstanceUid}"), "Frame of Reference UID"),
            Empty(DicomTag.PositionReferenceIndicator, VR.LO),
            UShort(DicomTag.SamplesPerPixel, 1),
            Text(DicomTag.PhotometricInterpretation, VR.CS, "MONOCHROME2", "Photometric Interpretation"),
            UShort(DicomTag.Rows, g.Rows),
            UShort(DicomTag.Columns, g.Columns),
            Decimal(DicomTag.PixelSpacing, "Pixel Spacing", g.RowSpacing, g.ColumnSpacing),
            UShort(DicomTag.BitsAllocated, 16),
            UShort(DicomTag.BitsStored, 16),
            UShort(DicomTag.HighBit, 15),
        };
        if (utf8)
        {
            elements.Add(Text(DicomTag.SpecificCharacterSet, VR.CS, "ISO_IR 192", "Specific Character Set"));
        }
        if (s.StudyDescription.Length > 0)
        {
            elements.Add(Text(DicomTag.StudyDescription, VR.LO, s.StudyDescription, "Study Description", utf8));
        }
        if (s.ManufacturerModelName.Length > 0)
        {
            elements.Add(Text(DicomTag.ManufacturerModelName, VR.LO, s.ManufacturerModelName, "Manufacturer Model Name", utf8));
        }
        if (s.ContrastBolusAgent.Length > 0)
        {
            elements.Add(Text(DicomTag.ContrastBolusAgent, VR.LO, s.ContrastBolusAgent, "Contrast/Bolus Agent", utf8));
        }
        if (s.SequenceName.Length > 0)
        {
            elements.Add(Text(DicomTag.SequenceName, VR.SH, s.SequenceName, "Sequence Name", utf8));
        }
        // Type 2 in the MR Image module: present even when unknown.
        elements.Add(s.EchoTime is { } te ? Decimal(DicomTag.EchoTime, "Echo Time", te) : Empty(DicomTag.EchoTime, VR.DS));
        elements.Add(s.EchoTrainLength is { } etl ? Integer(DicomTag.EchoTrainLength, etl, "Echo Train Length") : Empty(DicomTag.EchoTrainLength, VR.IS));
        if (s.RepetitionTime is { } tr)
        {
            elements.Add(Decimal(DicomTag.RepetitionTime, "Repetition Time", tr));
        }
        if (s.InversionTime is { } ti)
        {
            elements.Add(Decimal(DicomTag.InversionTime, "Inversion Time", ti));
        }
        if (s.MagneticFieldStrength is { } field)
        {
            elements.Add(Decimal(DicomTag.MagneticFieldStrength, "Magnetic Field Strength", field));
        }
        if (s.FlipAngle is { } flip)
        {
            elements.Add(Decimal(DicomTag.FlipAngle, "Flip Angle", flip));
        }
        if (g.Slices > 1 && s.SlicePositions is null)
        {
            elements.Add(Decimal(DicomTag.SpacingBetweenSlices, "Spacing Between Slices", g.SliceSpacing));
        }
        if ((s.NumberOfTemporalPositions ?? (phaseCount > 1 ? phaseCount : null)) is { } temporalCount)
        {
            elements.Add(Integer(DicomTag.NumberOfTemporalPositions, temporalCount, "Number of Temporal Positions"));
        }
        return elements;
    }

    private static List<EncodedElement> PhaseElements(MrPhase phase, int? temporalPosition)
    {
        var elements = new List<EncodedElement> { UShort(DicomTag.PixelRepresentation, phase.Pixels.IsSigned ? 1 : 0) };
        var acquisitionTime = phase.AcquisitionTime is { } at ? DicomValueText.FormatTime(at) : "";
        elements.Add(Text(DicomTag.AcquisitionTime, VR.TM, acquisitionTime, "Acquisition Time"));
        elements.Add(Text(DicomTag.ContentTime, VR.TM, acquisitionTime, "Content Time"));
        if (phase.TriggerTime is { } trigger)
        {
            elements.Add(Decimal(DicomTag.TriggerTime, "Trigger Time", trigger));
        }
        if (temporalPosition is { } position)
        {
            elements.Add(Integer(DicomTag.TemporalPositionIdentifier, position, "Temporal Position Identifier"));
        }
        if (phase.Pixels.WritesRescale)
        {
            elements.Add(Decimal(DicomTag.RescaleIntercept, "Rescale Intercept", phase.Pixels.RescaleIntercept));
            elements.Add(Decimal(DicomTag.RescaleSlope, "Rescale Slope", phase.Pixels.RescaleSlope));
            elements.Add(Text(DicomTag.RescaleType, VR.LO, "US", "Rescale Type")); // US = unspecified units
        }
        return elements;
    }

    private static string RequireText(string value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{what} must not be empty.") : value;

    private static void WriteFile(string path, List<EncodedElement> series, List<EncodedElement> phase, List<EncodedElement> slice,
        MrVolumeData pixels, int sliceIndex, int sliceSize)
    {
        var byteCount = sliceSize * 2;
        // Pooled: a 256 × 256 slice is 128 kB, above the large-object threshold; GDCM copies what it needs.
        var buffer = ArrayPool<byte>.Shared.Rent(byteCount);
        var temporary = path + ".partial";
        try
        {
            pixels.EncodeSlice(sliceIndex, sliceSize, buffer.AsSpan(0, byteCount));
            using (var writer = new gdcm.Writer())
            {
                using var file = writer.GetFile();
                using var dataSet = file.GetDataSet();
                Insert(dataSet, series);
                Insert(dataSet, phase);
                Insert(dataSet, slice);
                Insert(dataSet, DicomTag.PixelData, VR.OW, buffer, byteCount);

                using var header = file.GetHeader();
                using var syntax = new gdcm.TransferSyntax(gdcm.TransferSyntax.TSType.ExplicitVRLittleEndian);
                header.SetDataSetTransferSyntax(syntax);
                // GDCM fills the meta header (group length, SOP class/instance, implementation UID) from the data set.
                writer.SetCheckFileMetaInformation(true);
                writer.SetFileName(temporary);
                if (!writer.Write())
                {
                    throw new IOException($"{path}: GDCM could not write the file. Fix: check that the folder is writable and the disk has space.");
                }
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Insert(gdcm.DataSet dataSet, List<EncodedElement> elements)
    {
        foreach (var e in elements)
        {
            Insert(dataSet, (e.Group, e.Element), e.Vr, e.Value, e.Value.Length);
        }
    }

    private static void Insert(gdcm.DataSet dataSet, (ushort Group, ushort Element) tag, VR vr, byte[] value, int length)
    {
        using var t = new gdcm.Tag(tag.Group, tag.Element);
        using var v = new gdcm.VR(vr);
        using var l = new gdcm.VL((uint)length);
        using var element = new gdcm.DataElement(t, l, v);
        if (length > 0)
        {
            element.SetByteValue(value, l);
        }
        dataSet.Insert(element);
    }
}
