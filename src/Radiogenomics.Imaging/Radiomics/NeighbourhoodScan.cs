namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// Visits each ROI voxel of a slice (8 in-plane neighbours) or of the volume (26 neighbours) with its ROI
/// neighbours at Chebyshev distance 1: the shared walk of the NGTDM and the NGLDM.
/// </summary>
internal static class NeighbourhoodScan
{
    /// <param name="visit">Called with the voxel's level, the number of ROI neighbours, their level sum and how many share the level within <paramref name="coarseness"/>.</param>
    public static int Run(DiscretisedImage image, int? slice, int coarseness, Action<int, int, double, int> visit)
    {
        int nx = image.Columns, ny = image.Rows, nz = image.Slices, dzMax = slice is null ? 1 : 0, voxels = 0;
        int z0 = slice ?? 0, z1 = slice ?? nz - 1;
        var levels = image.Levels;
        for (int z = z0; z <= z1; z++)
        for (int y = 0; y < ny; y++)
        for (int x = 0; x < nx; x++)
        {
            int level = levels[(z * ny + y) * nx + x];
            if (level == 0) continue;
            voxels++;
            int neighbours = 0, similar = 0;
            double sum = 0;
            for (int dz = -dzMax; dz <= dzMax; dz++)
            for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
            {
                if (dx == 0 && dy == 0 && dz == 0) continue;
                int qx = x + dx, qy = y + dy, qz = z + dz;
                if (qx < 0 || qy < 0 || qz < 0 || qx >= nx || qy >= ny || qz >= nz) continue;
                int other = levels[(qz * ny + qy) * nx + qx];
                if (other == 0) continue;
                neighbours++;
                sum += other;
                if (Math.Abs(other - level) <= coarseness) similar++;
            }
            visit(level, neighbours, sum, similar);
        }
        return voxels;
    }
}
