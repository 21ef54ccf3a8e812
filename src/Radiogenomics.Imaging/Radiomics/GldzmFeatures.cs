namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// IBSI grey level distance zone matrix features (chapter 3.9): zones as for the GLSZM, by grey level and their
/// smallest distance to the ROI edge. The distance map is taken on the morphological mask: the number of steps
/// (4-connected in a slice, 6-connected in 3D) to the nearest voxel outside the mask or outside the image, so
/// edge voxels are at distance 1.
/// </summary>
public static class GldzmFeatures
{
    public const string Family = "GLDZM";

    public static readonly string[] Names =
    [
        "Small distance emphasis", "Large distance emphasis", "Low grey level zone emphasis", "High grey level zone emphasis",
        "Small distance low grey level emphasis", "Small distance high grey level emphasis", "Large distance low grey level emphasis",
        "Large distance high grey level emphasis", "Grey level non-uniformity", "Normalised grey level non-uniformity",
        "Zone distance non-uniformity", "Normalised zone distance non-uniformity", "Zone percentage", "Grey level variance",
        "Zone distance variance", "Zone distance entropy",
    ];

    public static IReadOnlyList<RadiomicsFeature> Compute(DiscretisedImage image, ISet<string>? aggregations = null)
    {
        int maxDistance = (Math.Max(image.Columns, Math.Max(image.Rows, image.Slices)) + 1) / 2 + 1;
        return TextureAggregation.PerSlice(image, Family, Names, slice => Matrix(image, slice, maxDistance), EmphasisFeatures.First16, aggregations);
    }

    internal static TextureMatrix Matrix(DiscretisedImage image, int? slice, int maxDistance)
    {
        var zones = GreyLevelZones.Find(image, slice);
        var distance = EdgeDistance(image.Roi, slice);
        var zoneDistance = new int[zones.Count];
        Array.Fill(zoneDistance, int.MaxValue);
        for (int v = 0; v < distance.Length; v++)
        {
            int zone = zones.ZoneOf[v];
            if (zone >= 0) zoneDistance[zone] = Math.Min(zoneDistance[zone], Math.Max(1, distance[v]));
        }
        var m = new TextureMatrix(image.GreyLevels, maxDistance) { VoxelCount = zones.VoxelCount };
        for (int k = 0; k < zones.Count; k++) m[zones.Levels[k] - 1, zoneDistance[k] - 1]++;
        return m;
    }

    /// <summary>City-block distance of each morphological-mask voxel to the outside (1 at the edge; 0 outside the mask).</summary>
    internal static int[] EdgeDistance(RoiImage roi, int? slice)
    {
        int nx = roi.Columns, ny = roi.Rows, nz = roi.Slices;
        var mask = roi.MorphologicalMask;
        var distance = new int[mask.Length];
        var queue = new Queue<int>();
        int z0 = slice ?? 0, z1 = slice ?? nz - 1;
        (int, int, int)[] steps = slice is null
            ? [(1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1)]
            : [(1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0)];
        bool Outside(int x, int y, int z) => x < 0 || y < 0 || z < z0 || x >= nx || y >= ny || z > z1 || !mask[(z * ny + y) * nx + x];
        for (int z = z0; z <= z1; z++)
        for (int y = 0; y < ny; y++)
        for (int x = 0; x < nx; x++)
        {
            int v = (z * ny + y) * nx + x;
            if (!mask[v]) continue;
            distance[v] = int.MaxValue;
            foreach (var (dx, dy, dz) in steps)
            {
                if (!Outside(x + dx, y + dy, z + dz)) continue;
                distance[v] = 1;
                queue.Enqueue(v);
                break;
            }
        }
        while (queue.Count > 0)
        {
            int v = queue.Dequeue();
            int x = v % nx, y = v / nx % ny, z = v / (nx * ny);
            foreach (var (dx, dy, dz) in steps)
            {
                int qx = x + dx, qy = y + dy, qz = z + dz;
                if (Outside(qx, qy, qz)) continue;
                int q = (qz * ny + qy) * nx + qx;
                if (distance[q] <= distance[v] + 1) continue;
                distance[q] = distance[v] + 1;
                queue.Enqueue(q);
            }
        }
        return distance;
    }
}
