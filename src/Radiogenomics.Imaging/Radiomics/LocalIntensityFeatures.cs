namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// IBSI local intensity features (chapter 3.2): the mean intensity in a 1 cm³ sphere (radius 6.2 mm) around each
/// ROI voxel, over all image voxels whose centres lie in the sphere, in or out of the ROI. The local peak is
/// that mean around the ROI's brightest voxel (the highest such mean when several tie); the global peak is the
/// highest mean around any ROI voxel.
/// </summary>
public static class LocalIntensityFeatures
{
    public const string Family = "local intensity";

    public static readonly double SphereRadiusMm = Math.Cbrt(3.0 / (4 * Math.PI)) * 10;

    public static IReadOnlyList<RadiomicsFeature> Compute(RoiImage roi)
    {
        double r = SphereRadiusMm;
        int rx = (int)Math.Floor(r / roi.ColumnSpacing), ry = (int)Math.Floor(r / roi.RowSpacing), rz = (int)Math.Floor(r / roi.SliceSpacing);
        var offsets = new List<(int, int, int)>();
        for (int dz = -rz; dz <= rz; dz++)
        for (int dy = -ry; dy <= ry; dy++)
        for (int dx = -rx; dx <= rx; dx++)
        {
            double ex = dx * roi.ColumnSpacing, ey = dy * roi.RowSpacing, ez = dz * roi.SliceSpacing;
            if (ex * ex + ey * ey + ez * ez <= r * r) offsets.Add((dx, dy, dz));
        }
        double roiMax = roi.RoiIntensities().Max();
        double local = double.NegativeInfinity, global = double.NegativeInfinity;
        for (int z = 0; z < roi.Slices; z++)
        for (int y = 0; y < roi.Rows; y++)
        for (int x = 0; x < roi.Columns; x++)
        {
            int v = roi.Index(x, y, z);
            if (!roi.IntensityMask[v]) continue;
            double sum = 0;
            int count = 0;
            foreach (var (dx, dy, dz) in offsets)
            {
                int nx = x + dx, ny = y + dy, nz = z + dz;
                if (nx < 0 || ny < 0 || nz < 0 || nx >= roi.Columns || ny >= roi.Rows || nz >= roi.Slices) continue;
                sum += roi.Intensities[roi.Index(nx, ny, nz)];
                count++;
            }
            double mean = sum / count;
            global = Math.Max(global, mean);
            if (roi.Intensities[v] == roiMax) local = Math.Max(local, mean);
        }
        return
        [
            new RadiomicsFeature(Family, "Local intensity peak", "3D", local),
            new RadiomicsFeature(Family, "Global intensity peak", "3D", global),
        ];
    }
}
