using System.Globalization;
using Radiogenomics.Imaging.Dicom;

namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// An image and a mask (or two volumes) that must share one voxel grid do not: the message and properties say
/// by how much (origin offset in mm, direction difference in degrees, spacing difference in mm, voxel counts).
/// </summary>
public sealed class GeometryMismatchException : Exception
{
    /// <summary>Grids closer than this (mm at any corner of the grid) are the same grid.</summary>
    public const double DefaultToleranceMm = 1e-3;

    private GeometryMismatchException(string message, double originOffsetMm, double directionDegrees, double spacingDifferenceMm, bool sizeDiffers)
        : base(message)
    {
        OriginOffsetMm = originOffsetMm;
        DirectionDifferenceDegrees = directionDegrees;
        SpacingDifferenceMm = spacingDifferenceMm;
        SizeDiffers = sizeDiffers;
    }

    public double OriginOffsetMm { get; }

    /// <summary>Largest angle between corresponding direction vectors.</summary>
    public double DirectionDifferenceDegrees { get; }

    /// <summary>Largest difference between corresponding spacings.</summary>
    public double SpacingDifferenceMm { get; }

    public bool SizeDiffers { get; }

    /// <summary>Throws when <paramref name="other"/> is not on the grid of <paramref name="reference"/>.</summary>
    public static void ThrowIfDifferent(ImageVolume reference, ImageVolume other, double toleranceMm = DefaultToleranceMm)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(other);
        var a = reference.Geometry;
        var b = other.Geometry;
        var origin = (a.Origin - b.Origin).Length;
        var angle = new[] { Angle(a.RowDirection, b.RowDirection), Angle(a.ColumnDirection, b.ColumnDirection), Angle(a.SliceDirection, b.SliceDirection) }.Max();
        var spacing = new[] { a.ColumnSpacing - b.ColumnSpacing, a.RowSpacing - b.RowSpacing, a.SliceSpacing - b.SliceSpacing }.Max(Math.Abs);
        var sizeDiffers = a.Columns != b.Columns || a.Rows != b.Rows || a.Slices != b.Slices;
        // The far corner shows a direction or spacing error in mm, scaled by the grid's size.
        var farCorner = (a.IndexToPoint(a.Columns - 1, a.Rows - 1, a.Slices - 1) - b.IndexToPoint(a.Columns - 1, a.Rows - 1, a.Slices - 1)).Length;
        if (!sizeDiffers && origin <= toleranceMm && farCorner <= toleranceMm)
        {
            return;
        }
        var parts = new List<string>();
        if (sizeDiffers)
        {
            parts.Add($"size {b.Columns}×{b.Rows}×{b.Slices} vs {a.Columns}×{a.Rows}×{a.Slices} voxels");
        }
        if (origin > toleranceMm)
        {
            parts.Add($"origin offset {F(origin)} mm");
        }
        if (angle > 1e-6)
        {
            parts.Add($"directions differ by up to {F(angle)}°");
        }
        if (spacing > 1e-9)
        {
            parts.Add($"spacing differs by up to {F(spacing)} mm");
        }
        if (!sizeDiffers && farCorner > toleranceMm)
        {
            parts.Add($"far corner {F(farCorner)} mm apart");
        }
        throw new GeometryMismatchException(
            $"{ImageVolume.Describe(other.Source)} is not on the grid of {ImageVolume.Describe(reference.Source)}: {string.Join(", ", parts)} " +
            $"(tolerance {F(toleranceMm)} mm). Resample it onto the image grid first (VolumeResampler.ResampleMask), or check that both come from the same series.",
            origin, angle, spacing, sizeDiffers);
    }

    /// <summary>Mask voxels that fall outside the image grid would be lost by resampling: an error, not a silent crop.</summary>
    internal static GeometryMismatchException MaskOutside(ImageVolume image, ImageVolume mask, int lost, int total, double farthestMm) =>
        new($"{ImageVolume.Describe(mask.Source)} reaches outside {ImageVolume.Describe(image.Source)}: {lost} of its {total} voxels > 0 lie outside the image grid, " +
            $"up to {F(farthestMm)} mm beyond its edge. The mask belongs to another series or frame of reference; check the pairing.",
            farthestMm, 0, 0, false);

    private static double Angle(Vector3D a, Vector3D b) =>
        Math.Acos(Math.Clamp(Vector3D.Dot(a.Normalized(), b.Normalized()), -1, 1)) * 180 / Math.PI;

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
