namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// The peritumoral region: voxels within a distance (mm, default 10) of the tumour, minus the tumour, inside the
/// body. Built from a Euclidean distance transform rather than repeated voxel dilation, so the margin is a true
/// ball in millimetres on anisotropic grids (breast DCE slices are often 2–3× thicker than the pixels).
/// </summary>
public static class PeritumoralRing
{
    public const double DefaultDistanceMm = 10;

    /// <param name="tumour">Tumour mask (voxels &gt; 0).</param>
    /// <param name="distanceMm">Ring width: voxels whose centre is within this distance of a tumour voxel centre.</param>
    /// <param name="body">Body (or breast) mask on the same grid; the ring is clipped to it so it holds no air. Null: no clipping.</param>
    public static ImageVolume Create(ImageVolume tumour, double distanceMm = DefaultDistanceMm, ImageVolume? body = null)
    {
        ArgumentNullException.ThrowIfNull(tumour);
        if (!(distanceMm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(distanceMm), distanceMm, "The ring width must be positive (mm).");
        }
        if (body is not null)
        {
            GeometryMismatchException.ThrowIfDifferent(tumour, body);
        }
        var distance = DistanceTransform.Euclidean(tumour);
        var ring = new float[distance.Length];
        var limit = distanceMm + 1e-6; // a voxel exactly at the distance belongs to the ring
        for (var n = 0; n < ring.Length; n++)
        {
            if (distance[n] > 0 && distance[n] <= limit && (body is null || body.Voxels[n] > 0))
            {
                ring[n] = 1;
            }
        }
        return tumour.WithVoxels(ring, $"{distanceMm:0.##} mm peritumoral ring of {ImageVolume.Describe(tumour.Source)}");
    }
}
