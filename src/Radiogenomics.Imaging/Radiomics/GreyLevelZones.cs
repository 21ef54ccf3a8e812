namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// Zones: connected groups of ROI voxels with the same grey level, 8-connected within one slice or 26-connected
/// in 3-D (IBSI's GLSZM and GLDZM), with each voxel's zone number and each zone's level and voxel count.
/// </summary>
internal sealed class GreyLevelZones
{
    private GreyLevelZones(int[] zoneOf, List<int> levels, List<int> sizes, int voxelCount)
    {
        ZoneOf = zoneOf;
        Levels = levels;
        Sizes = sizes;
        VoxelCount = voxelCount;
    }

    /// <summary>Zone number per voxel of the image (−1 outside the ROI or outside the slice).</summary>
    public int[] ZoneOf { get; }

    public List<int> Levels { get; }

    public List<int> Sizes { get; }

    public int VoxelCount { get; }

    public int Count => Levels.Count;

    public static GreyLevelZones Find(DiscretisedImage image, int? slice)
    {
        int nx = image.Columns, ny = image.Rows, nz = image.Slices;
        var levels = image.Levels;
        var zoneOf = new int[levels.Length];
        Array.Fill(zoneOf, -1);
        var zoneLevels = new List<int>();
        var sizes = new List<int>();
        int z0 = slice ?? 0, z1 = slice ?? nz - 1, dzMax = slice is null ? 1 : 0, voxels = 0;
        var stack = new Stack<int>();
        for (int z = z0; z <= z1; z++)
        for (int y = 0; y < ny; y++)
        for (int x = 0; x < nx; x++)
        {
            int start = (z * ny + y) * nx + x, level = levels[start];
            if (level == 0) continue;
            voxels++;
            if (zoneOf[start] >= 0) continue;
            int zone = zoneLevels.Count, size = 0;
            zoneOf[start] = zone;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int v = stack.Pop();
                size++;
                int vx = v % nx, vy = v / nx % ny, vz = v / (nx * ny);
                for (int dz = -dzMax; dz <= dzMax; dz++)
                for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                {
                    int qx = vx + dx, qy = vy + dy, qz = vz + dz;
                    if (qx < 0 || qy < 0 || qz < 0 || qx >= nx || qy >= ny || qz >= nz) continue;
                    int q = (qz * ny + qy) * nx + qx;
                    if (zoneOf[q] >= 0 || levels[q] != level) continue;
                    zoneOf[q] = zone;
                    stack.Push(q);
                }
            }
            zoneLevels.Add(level);
            sizes.Add(size);
        }
        return new GreyLevelZones(zoneOf, zoneLevels, sizes, voxels);
    }
}
