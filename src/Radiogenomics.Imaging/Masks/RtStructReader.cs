using System.Globalization;
using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Masks;

/// <summary>
/// Rasterises one ROI of a DICOM RT Structure Set (RTSTRUCT, 1.2.840.10008.5.1.4.1.1.481.3) onto an image's voxel
/// grid. Each CLOSED_PLANAR contour goes to the image slice whose plane it lies in (by position, within
/// <see cref="PlaneToleranceMm"/>; the Contour Image Sequence's SOP instance references are not needed), its points
/// are mapped to continuous (column, row) indices through the image's direction cosines and spacing, and
/// <see cref="ContourRasteriser"/> fills it at the voxel centres by the even–odd rule. Contours on one slice combine
/// by <see cref="ContourCombination"/>: exclusive or by default, so an inner contour is a hole whatever its
/// orientation (plastimatch with xor_overlapping), or union. POINT and OPEN_PLANAR contours are ignored.
/// </summary>
public static class RtStructReader
{
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.481.3";

    /// <summary>How far (mm) a contour point may lie from the plane of the slice it is drawn on.</summary>
    public const double PlaneToleranceMm = 0.05;

    private static readonly (ushort, ushort) StructureSetRoiSequence = (0x3006, 0x0020);
    private static readonly (ushort, ushort) RoiNumber = (0x3006, 0x0022);
    private static readonly (ushort, ushort) RoiName = (0x3006, 0x0026);
    private static readonly (ushort, ushort) RoiContourSequence = (0x3006, 0x0039);
    private static readonly (ushort, ushort) ContourSequence = (0x3006, 0x0040);
    private static readonly (ushort, ushort) ContourGeometricType = (0x3006, 0x0042);
    private static readonly (ushort, ushort) ContourData = (0x3006, 0x0050);
    private static readonly (ushort, ushort) ReferencedRoiNumber = (0x3006, 0x0084);
    private static readonly (ushort, ushort) ReferencedFrameOfReferenceUid = (0x3006, 0x0024);

    /// <summary>The ROIs (ROINumber, ROIName) of a structure set.</summary>
    public static IReadOnlyList<(int Number, string Name)> Rois(string path)
    {
        using var file = Open(path);
        return ReadRois(path, file);
    }

    /// <summary>The chosen ROI as a 0/1 mask on <paramref name="grid"/>.</summary>
    /// <exception cref="DataProblemException">Unknown ROI (the message lists them), no closed contours, a contour off the slice planes or outside the image.</exception>
    public static ImageVolume Read(string path, VolumeGeometry grid, string? roi, ContourCombination combination = ContourCombination.Xor)
    {
        ArgumentNullException.ThrowIfNull(grid);
        using var file = Open(path);
        var dataSet = file.Root;
        var rois = ReadRois(path, file);
        var chosen = Choose(path, rois, roi);
        string record = $"ROI {chosen.Number} '{chosen.Name}'";
        var contours = file.Items(dataSet, RoiContourSequence)
            .Where(rc => GdcmDataSet.Integer(rc, ReferencedRoiNumber) == chosen.Number)
            .SelectMany(rc => file.Items(rc, ContourSequence)).ToList();
        var slices = new Dictionary<int, bool[]>();
        var types = new SortedSet<string>(StringComparer.Ordinal);
        int closed = 0;
        for (int n = 0; n < contours.Count; n++)
        {
            string type = GdcmDataSet.Text(contours[n], ContourGeometricType).ToUpperInvariant();
            types.Add(type.Length == 0 ? "(no type)" : type);
            if (type != "CLOSED_PLANAR") continue;
            closed++;
            var data = GdcmDataSet.Decimals(contours[n], ContourData);
            string contour = $"{record}, contour {n + 1}";
            if (data.Length < 9 || data.Length % 3 != 0)
                throw new DataProblemException(path, contour, $"ContourData holds {data.Length} numbers, not three or more (x, y, z) points", "re-export the structure set");
            var points = new List<(double Column, double Row)>(data.Length / 3);
            double sliceSum = 0;
            var planes = new double[data.Length / 3];
            for (int p = 0; p < planes.Length; p++)
            {
                var (c, r, s) = grid.PointToIndex(new Vector3D(data[3 * p], data[3 * p + 1], data[3 * p + 2]));
                points.Add((c, r));
                planes[p] = s;
                sliceSum += s;
            }
            int slice = (int)Math.Round(sliceSum / planes.Length);
            double offPlane = planes.Max(s => Math.Abs(s - slice)) * grid.SliceSpacing;
            if (offPlane > PlaneToleranceMm)
                throw new DataProblemException(path, contour,
                    $"the contour is not in an image slice's plane: it lies up to {F(offPlane)} mm from the plane of slice {slice} (tolerance {F(PlaneToleranceMm)} mm; slices {F(grid.SliceSpacing)} mm apart)",
                    "check that the structure set was drawn on this image series (same frame of reference and slices), or resample the image to the contours' slices");
            if (slice < 0 || slice >= grid.Slices)
                throw new DataProblemException(path, contour, $"the contour lies on slice {slice}, outside the image's {grid.Slices} slices", "check that the structure set belongs to this image series");
            if (points.Any(p => p.Column < -0.5 || p.Column > grid.Columns - 0.5 || p.Row < -0.5 || p.Row > grid.Rows - 0.5))
                throw new DataProblemException(path, contour, $"the contour reaches outside the image's {grid.Columns}×{grid.Rows} columns and rows on slice {slice}",
                    "check that the structure set belongs to this image series");
            if (!slices.TryGetValue(slice, out var plane)) slices[slice] = plane = new bool[grid.SliceSize];
            ContourRasteriser.Fill(points, grid.Columns, grid.Rows, plane, combination);
        }
        if (closed == 0)
            throw new DataProblemException(path, record, contours.Count == 0 ? "the ROI has no contours" : $"the ROI has no CLOSED_PLANAR contours (only {string.Join(", ", types)})",
                "choose an ROI drawn as closed contours");
        var mask = new float[grid.VoxelCount];
        foreach (var (slice, plane) in slices)
            for (int i = 0; i < plane.Length; i++)
                if (plane[i]) mask[slice * grid.SliceSize + i] = 1;
        return new ImageVolume(grid, mask, $"{path} ({record})");
    }

    /// <summary>
    /// The frame of reference the chosen ROI was drawn in (its ReferencedFrameOfReferenceUID); empty when the file
    /// does not say.
    /// </summary>
    public static string FrameOfReference(string path, string? roi)
    {
        using var file = Open(path);
        var chosen = Choose(path, ReadRois(path, file), roi);
        return file.Items(file.Root, StructureSetRoiSequence)
            .Where(r => GdcmDataSet.Integer(r, RoiNumber) == chosen.Number)
            .Select(r => GdcmDataSet.Text(r, ReferencedFrameOfReferenceUid).Trim()).FirstOrDefault() ?? "";
    }

    private static (int Number, string Name) Choose(string path, IReadOnlyList<(int Number, string Name)> rois, string? wanted)
    {
        string list = string.Join(", ", rois.Select(r => $"'{r.Name}' ({r.Number})"));
        if (string.IsNullOrWhiteSpace(wanted))
        {
            if (rois.Count == 1) return rois[0];
            throw new DataProblemException(path, "StructureSetROISequence (3006,0020)", $"the structure set has {rois.Count} ROIs ({list}) and no ROI was chosen",
                "set roi: to one of them (its name or number)");
        }
        string w = wanted.Trim();
        var byName = rois.Where(r => string.Equals(r.Name, w, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byName.Count == 1) return byName[0];
        if (int.TryParse(w, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && rois.Any(r => r.Number == n)) return rois.First(r => r.Number == n);
        throw new DataProblemException(path, $"ROI '{w}'", $"no ROI is named or numbered '{w}'; the structure set has {list}", "set roi: to one of these names or numbers");
    }

    private static List<(int Number, string Name)> ReadRois(string path, GdcmDataSet file)
    {
        var rois = file.Items(file.Root, StructureSetRoiSequence)
            .Select(r => (Number: GdcmDataSet.Integer(r, RoiNumber) ?? int.MinValue, Name: GdcmDataSet.Text(r, RoiName))).ToList();
        if (rois.Count == 0 || rois.Any(r => r.Number == int.MinValue))
            throw new DataProblemException(path, "StructureSetROISequence (3006,0020)", "the structure set lists no ROIs, or an ROI without an ROINumber", "re-export the structure set");
        return rois;
    }

    private static GdcmDataSet Open(string path)
    {
        var header = DicomFile.ReadHeader(path);
        if (header.SopClassUid != SopClassUid)
            throw new DataProblemException(path, "SOPClassUID (0008,0016)", $"the file is a {header.ObjectKind} object (SOP class {header.SopClassUid}), not an RTSTRUCT", "give an RTSTRUCT file, or a SEG or NIfTI mask");
        return new GdcmDataSet(path, "structure set");
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
