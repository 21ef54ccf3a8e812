using System.Globalization;
using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Masks;

/// <summary>
/// Reads one segment of a DICOM Segmentation (SEG, 1.2.840.10008.5.1.4.1.1.66.4) onto an image's voxel grid.
/// Each frame is placed by its per-frame Image Position (Patient) (Plane Position Sequence) and orientation and
/// pixel spacing (per-frame or shared functional groups), never by frame order; its Referenced Segment Number says
/// which segment it belongs to. BINARY frames are bit-packed (LSB first, frames contiguous); a FRACTIONAL frame's
/// voxel is in the mask when its value / MaximumFractionalValue ≥ 0.5. A frame must lie on the image's grid:
/// the same orientation and spacing, its first pixel on a voxel centre (within <see cref="ToleranceMm"/>);
/// otherwise the error says by how much. Native (uncompressed) pixel data only.
/// </summary>
public static class SegmentationReader
{
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.66.4";

    /// <summary>How far (mm) a frame's pixel centres may lie from the image's voxel centres.</summary>
    public const double ToleranceMm = 0.01;

    /// <summary>The fraction at or above which a FRACTIONAL segmentation's voxel is in the mask.</summary>
    public const double FractionThreshold = 0.5;

    private static readonly (ushort, ushort) SegmentationType = (0x0062, 0x0001);
    private static readonly (ushort, ushort) SegmentSequence = (0x0062, 0x0002);
    private static readonly (ushort, ushort) SegmentNumber = (0x0062, 0x0004);
    private static readonly (ushort, ushort) SegmentLabel = (0x0062, 0x0005);
    private static readonly (ushort, ushort) SegmentIdentificationSequence = (0x0062, 0x000A);
    private static readonly (ushort, ushort) ReferencedSegmentNumber = (0x0062, 0x000B);
    private static readonly (ushort, ushort) MaximumFractionalValue = (0x0062, 0x000E);
    private static readonly (ushort, ushort) SharedFunctionalGroups = (0x5200, 0x9229);
    private static readonly (ushort, ushort) PerFrameFunctionalGroups = (0x5200, 0x9230);
    private static readonly (ushort, ushort) PixelMeasuresSequence = (0x0028, 0x9110);
    private static readonly (ushort, ushort) PlaneOrientationSequence = (0x0020, 0x9116);
    private static readonly (ushort, ushort) PlanePositionSequence = (0x0020, 0x9113);

    /// <summary>The segments (SegmentNumber, SegmentLabel) of a SEG file.</summary>
    public static IReadOnlyList<(int Number, string Label)> Segments(string path)
    {
        using var file = Open(path);
        return ReadSegments(path, file);
    }

    /// <summary>The chosen segment as a 0/1 mask on <paramref name="grid"/>.</summary>
    /// <exception cref="DataProblemException">Unsupported SEG type, unknown segment (the message lists them), frames off the grid.</exception>
    public static ImageVolume Read(string path, VolumeGeometry grid, string? segment)
    {
        ArgumentNullException.ThrowIfNull(grid);
        using var file = Open(path);
        var dataSet = file.Root;
        string type = GdcmDataSet.Text(dataSet, SegmentationType).ToUpperInvariant();
        if (type is not ("BINARY" or "FRACTIONAL"))
            throw new DataProblemException(path, "SegmentationType (0062,0001)", type.Length == 0 ? "the SEG has no SegmentationType" : $"SegmentationType '{type}' is not supported (BINARY and FRACTIONAL are)",
                "export the segmentation as a BINARY or FRACTIONAL SEG (e.g. highdicom, dcmqi itkimage2segimage) or as NIfTI");
        var segments = ReadSegments(path, file);
        var chosen = Choose(path, segments, segment);
        string record = $"segment {chosen.Number} '{chosen.Label}'";

        int rows = GdcmDataSet.UnsignedShort(dataSet, DicomTag.Rows) ?? 0, columns = GdcmDataSet.UnsignedShort(dataSet, DicomTag.Columns) ?? 0;
        int frames = GdcmDataSet.Integer(dataSet, DicomTag.NumberOfFrames) ?? 1;
        int bits = GdcmDataSet.UnsignedShort(dataSet, DicomTag.BitsAllocated) ?? 0;
        bool binary = type == "BINARY";
        if (rows <= 0 || columns <= 0 || frames <= 0 || (binary ? bits != 1 : bits != 8))
            throw new DataProblemException(path, "pixel module", $"Rows {rows}, Columns {columns}, NumberOfFrames {frames}, BitsAllocated {bits} do not describe a {type} SEG (BitsAllocated {(binary ? 1 : 8)})",
                "re-export the segmentation; the file's pixel attributes are inconsistent");
        double maxFraction = binary ? 1 : GdcmDataSet.UnsignedShort(dataSet, MaximumFractionalValue) ?? 0;
        if (!(maxFraction > 0))
            throw new DataProblemException(path, "MaximumFractionalValue (0062,000E)", "a FRACTIONAL SEG needs a MaximumFractionalValue > 0", "re-export the segmentation with its MaximumFractionalValue");
        var pixels = GdcmDataSet.Bytes(dataSet, DicomTag.PixelData)
            ?? throw new DataProblemException(path, "PixelData (7FE0,0010)", "the pixel data are missing or compressed (encapsulated); only native SEG pixel data are read",
                "decompress it first, e.g. gdcmconv --raw in.dcm out.dcm");
        long needed = binary ? ((long)frames * rows * columns + 7) / 8 : (long)frames * rows * columns;
        if (pixels.Length < needed)
            throw new DataProblemException(path, "PixelData (7FE0,0010)", $"the pixel data hold {pixels.Length} bytes, {frames} frames of {columns}×{rows} need {needed}",
                "the file is truncated: copy or export it again");

        var shared = file.First(dataSet, SharedFunctionalGroups);
        var perFrame = file.Items(dataSet, PerFrameFunctionalGroups);
        if (perFrame.Count != frames)
            throw new DataProblemException(path, "PerFrameFunctionalGroupsSequence (5200,9230)", $"{perFrame.Count} per-frame items for {frames} frames",
                "re-export the segmentation; every frame needs its functional groups (position and segment)");

        var mask = new float[grid.VoxelCount];
        int used = 0;
        for (int f = 0; f < frames; f++)
        {
            var item = perFrame[f];
            int? number = file.First(item, SegmentIdentificationSequence) is { } id ? GdcmDataSet.UnsignedShort(id, ReferencedSegmentNumber) : null;
            if (number is null)
                throw new DataProblemException(path, $"frame {f + 1}", "the frame has no ReferencedSegmentNumber (Segment Identification Sequence)", "re-export the segmentation; every frame must name its segment");
            if (number != chosen.Number) continue;
            used++;
            var (column0, row0, slice) = Place(file, path, f, item, shared, grid, rows, columns);
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                {
                    long p = ((long)f * rows + r) * columns + c;
                    bool inside = binary ? ((pixels[p >> 3] >> (int)(p & 7)) & 1) == 1 : pixels[p] / maxFraction >= FractionThreshold;
                    if (!inside) continue;
                    int gc = column0 + c, gr = row0 + r;
                    if (gc < 0 || gc >= grid.Columns || gr < 0 || gr >= grid.Rows)
                        throw new DataProblemException(path, $"frame {f + 1}", $"pixel ({c}, {r}) of the {record} lies outside the image's {grid.Columns}×{grid.Rows} columns and rows (at column {gc}, row {gr})",
                            "check that the SEG belongs to this image series");
                    mask[grid.Index(gc, gr, slice)] = 1;
                }
        }
        if (used == 0)
            throw new DataProblemException(path, record, "no frame of the SEG belongs to this segment (it is empty)", "choose another segment, or check the export");
        return new ImageVolume(grid, mask, $"{path} ({record})");
    }

    /// <summary>The image voxel (column, row, slice) of a frame's first pixel; an error when the frame is not on the grid.</summary>
    private static (int Column, int Row, int Slice) Place(GdcmDataSet file, string path, int f, gdcm.DataSet item, gdcm.DataSet? shared, VolumeGeometry grid, int rows, int columns)
    {
        string record = $"frame {f + 1}";
        gdcm.DataSet? Group((ushort, ushort) tag) => file.First(item, tag) ?? (shared is null ? null : file.First(shared, tag));
        var position = file.First(item, PlanePositionSequence) is { } plane ? GdcmDataSet.Decimals(plane, DicomTag.ImagePositionPatient) : [];
        var orientation = Group(PlaneOrientationSequence) is { } o ? GdcmDataSet.Decimals(o, DicomTag.ImageOrientationPatient) : [];
        var spacing = Group(PixelMeasuresSequence) is { } m ? GdcmDataSet.Decimals(m, DicomTag.PixelSpacing) : [];
        if (position.Length != 3 || orientation.Length != 6 || spacing.Length != 2)
            throw new DataProblemException(path, record, "the frame has no ImagePositionPatient, ImageOrientationPatient or PixelSpacing in its functional groups",
                "re-export the segmentation with plane position, plane orientation and pixel measures (per frame or shared)");
        var rowDirection = new Vector3D(orientation[0], orientation[1], orientation[2]).Normalized();
        var columnDirection = new Vector3D(orientation[3], orientation[4], orientation[5]).Normalized();
        double angle = Math.Max(Angle(rowDirection, grid.RowDirection), Angle(columnDirection, grid.ColumnDirection));
        double spacingDifference = Math.Max(Math.Abs(spacing[1] - grid.ColumnSpacing), Math.Abs(spacing[0] - grid.RowSpacing));
        // The far pixel shows an orientation or spacing difference in mm over the frame's extent.
        var origin = new Vector3D(position[0], position[1], position[2]);
        var far = origin + ((columns - 1) * spacing[1]) * rowDirection + ((rows - 1) * spacing[0]) * columnDirection;
        var gridFar = origin + ((columns - 1) * grid.ColumnSpacing) * grid.RowDirection + ((rows - 1) * grid.RowSpacing) * grid.ColumnDirection;
        double farMm = (far - gridFar).Length;
        if (farMm > ToleranceMm)
            throw new DataProblemException(path, record,
                $"the frame is not on the image's grid: orientation differs by {F(angle)}°, pixel spacing {F(spacing[0])}\\{F(spacing[1])} mm vs the image's {F(grid.RowSpacing)}\\{F(grid.ColumnSpacing)} mm " +
                $"(differs by {F(spacingDifference)} mm); its far pixel lies {F(farMm)} mm from the image voxel it should cover",
                "resample the segmentation onto the image (e.g. export it from the image it was drawn on), or give a NIfTI mask, which extract.radiomics resamples (correct_mask)");
        var (c, r, s) = grid.PointToIndex(origin);
        int column = (int)Math.Round(c), row = (int)Math.Round(r), slice = (int)Math.Round(s);
        double offSlice = Math.Abs(s - slice) * grid.SliceSpacing;
        double inPlane = Math.Sqrt(Math.Pow((c - column) * grid.ColumnSpacing, 2) + Math.Pow((r - row) * grid.RowSpacing, 2));
        if (offSlice > ToleranceMm || inPlane > ToleranceMm)
            throw new DataProblemException(path, record,
                $"the frame at ImagePositionPatient {F(position[0])}\\{F(position[1])}\\{F(position[2])} is not on the image's grid: {F(offSlice)} mm from the nearest slice plane (slice {slice}) " +
                $"and {F(inPlane)} mm in-plane from the nearest voxel centre (tolerance {F(ToleranceMm)} mm)",
                "check that the SEG was made on this image series (same frame of reference and slices), or resample it onto the image");
        if (slice < 0 || slice >= grid.Slices)
            throw new DataProblemException(path, record, $"the frame lies on slice {slice}, outside the image's {grid.Slices} slices ({F(Math.Abs(s < 0 ? s : s - (grid.Slices - 1)) * grid.SliceSpacing)} mm beyond)",
                "check that the SEG belongs to this image series");
        return (column, row, slice);
    }

    private static (int Number, string Label) Choose(string path, IReadOnlyList<(int Number, string Label)> segments, string? wanted)
    {
        string list = string.Join(", ", segments.Select(s => $"{s.Number} '{s.Label}'"));
        if (string.IsNullOrWhiteSpace(wanted))
        {
            if (segments.Count == 1) return segments[0];
            throw new DataProblemException(path, "SegmentSequence (0062,0002)", $"the SEG has {segments.Count} segments ({list}) and no segment was chosen",
                "set segment: to one of them (its number or label)");
        }
        string w = wanted.Trim();
        var byLabel = segments.Where(s => string.Equals(s.Label, w, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byLabel.Count == 1) return byLabel[0];
        if (int.TryParse(w, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && segments.Any(s => s.Number == n)) return segments.First(s => s.Number == n);
        throw new DataProblemException(path, $"segment '{w}'", $"no segment is numbered or labelled '{w}'; the SEG has {list}", "set segment: to one of these numbers or labels");
    }

    private static List<(int Number, string Label)> ReadSegments(string path, GdcmDataSet file)
    {
        var segments = file.Items(file.Root, SegmentSequence)
            .Select(s => (Number: GdcmDataSet.UnsignedShort(s, SegmentNumber) ?? -1, Label: GdcmDataSet.Text(s, SegmentLabel))).ToList();
        if (segments.Count == 0 || segments.Any(s => s.Number < 0))
            throw new DataProblemException(path, "SegmentSequence (0062,0002)", "the SEG lists no segments, or a segment without a SegmentNumber", "re-export the segmentation");
        return segments;
    }

    private static GdcmDataSet Open(string path)
    {
        var header = DicomFile.ReadHeader(path); // walks the file first: truncation and broken structure are errors here, never GDCM asserts
        if (header.SopClassUid != SopClassUid)
            throw new DataProblemException(path, "SOPClassUID (0008,0016)", $"the file is a {header.ObjectKind} object (SOP class {header.SopClassUid}), not a DICOM SEG", "give a SEG file, or an RTSTRUCT or NIfTI mask");
        return new GdcmDataSet(path, "SEG");
    }

    private static double Angle(Vector3D a, Vector3D b) => Math.Acos(Math.Clamp(Vector3D.Dot(a.Normalized(), b.Normalized()), -1, 1)) * 180 / Math.PI;

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
