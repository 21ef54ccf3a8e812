namespace Radiogenomics.Imaging.Masks;

/// <summary>How the closed planar contours of one RTSTRUCT ROI on one slice combine.</summary>
public enum ContourCombination
{
    /// <summary>
    /// Exclusive or: a voxel inside an odd number of the slice's contours is in the ROI, so a contour drawn inside
    /// another is a hole whatever its orientation (plastimatch's <c>xor_overlapping</c>).
    /// </summary>
    Xor,

    /// <summary>Union: inside any contour (plastimatch's default); inner contours are not holes.</summary>
    Or,
}
