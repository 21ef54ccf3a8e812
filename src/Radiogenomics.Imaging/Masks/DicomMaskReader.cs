using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Masks;

/// <summary>
/// A mask file of any supported kind on an image's grid: a DICOM SEG segment or an RTSTRUCT ROI (chosen by
/// <see cref="MaskChoice"/>, placed by position on the image's grid), or a NIfTI volume (returned on its own grid:
/// the caller resamples or checks it).
/// </summary>
public static class DicomMaskReader
{
    /// <summary>True for a .nii or .nii.gz path (read by <see cref="NiftiReader"/>).</summary>
    public static bool IsNifti(string path) =>
        path.EndsWith(".nii", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".nii.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads a SEG or RTSTRUCT onto <paramref name="grid"/>; any other DICOM object is an error naming what it is.</summary>
    /// <param name="imageFrameOfReference">The image series' FrameOfReferenceUID when the image is DICOM: a mask drawn in
    /// another frame of reference (another scan, not registered to this one) is an error even when its planes happen to
    /// fit the grid. Null or empty (NIfTI images carry none), or a mask that names none: not checked.</param>
    /// <exception cref="DataProblemException">What is wrong with the file, segment, ROI or frame, and the fix.</exception>
    public static ImageVolume Read(string path, VolumeGeometry grid, MaskChoice choice, string? imageFrameOfReference = null)
    {
        ArgumentNullException.ThrowIfNull(choice);
        DicomHeader header;
        try
        {
            header = DicomFile.ReadHeader(path);
        }
        catch (DicomFormatException e)
        {
            throw new DataProblemException(path, "file", e.Message, "give a DICOM SEG or RTSTRUCT file, or a NIfTI mask (.nii, .nii.gz)");
        }
        if (!string.IsNullOrWhiteSpace(imageFrameOfReference))
        {
            var (maskFrame, where) = header.SopClassUid == RtStructReader.SopClassUid
                ? (RtStructReader.FrameOfReference(path, choice.Roi), "the ROI's ReferencedFrameOfReferenceUID (3006,0024)")
                : (header.FrameOfReferenceUid.Trim(), "FrameOfReferenceUID (0020,0052)");
            if (maskFrame.Length > 0 && maskFrame != imageFrameOfReference.Trim())
                throw new DataProblemException(path, where,
                    $"the mask was drawn in frame of reference {maskFrame}, the image series is in {imageFrameOfReference.Trim()}",
                    "give the mask drawn on this patient's chosen series (or register it and re-export it in the series' frame of reference)");
        }
        return header.SopClassUid switch
        {
            SegmentationReader.SopClassUid => SegmentationReader.Read(path, grid, choice.Segment),
            RtStructReader.SopClassUid => RtStructReader.Read(path, grid, choice.Roi, choice.Contours),
            _ => throw new DataProblemException(path, "SOPClassUID (0008,0016)", $"the mask is a {header.ObjectKind} object (SOP class {header.SopClassUid}), neither a SEG nor an RTSTRUCT",
                "give a DICOM SEG or RTSTRUCT file, or a NIfTI mask (.nii, .nii.gz)"),
        };
    }
}
