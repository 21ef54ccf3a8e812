namespace Radiogenomics.Imaging.Radiomics;

/// <summary>IBSI grey level run length matrix features (chapter 3.7): runs of equal grey level inside the ROI along 4 in-plane or 13 3-D directions.</summary>
public static class GlrlmFeatures
{
    public const string Family = "GLRLM";

    public static readonly string[] Names =
    [
        "Short runs emphasis", "Long runs emphasis", "Low grey level run emphasis", "High grey level run emphasis",
        "Short run low grey level emphasis", "Short run high grey level emphasis", "Long run low grey level emphasis",
        "Long run high grey level emphasis", "Grey level non-uniformity", "Normalised grey level non-uniformity",
        "Run length non-uniformity", "Normalised run length non-uniformity", "Run percentage", "Grey level variance",
        "Run length variance", "Run entropy",
    ];

    public static IReadOnlyList<RadiomicsFeature> Compute(DiscretisedImage image, ISet<string>? aggregations = null) =>
        TextureAggregation.Directional(image, Family, Names, (slice, d) => Matrix(image, slice, d), EmphasisFeatures.First16, aggregations);

    internal static TextureMatrix Matrix(DiscretisedImage image, int? slice, (int X, int Y, int Z) d)
    {
        int nx = image.Columns, ny = image.Rows, nz = image.Slices;
        var m = new TextureMatrix(image.GreyLevels, Math.Max(nx, Math.Max(ny, nz)));
        int z0 = slice ?? 0, z1 = slice ?? nz - 1;
        var levels = image.Levels;
        bool Inside(int x, int y, int z) => x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz;
        for (int z = z0; z <= z1; z++)
        for (int y = 0; y < ny; y++)
        for (int x = 0; x < nx; x++)
        {
            int level = levels[(z * ny + y) * nx + x];
            if (level == 0) continue;
            m.VoxelCount++;
            // A run starts where the previous voxel along the direction is not part of it.
            int px = x - d.X, py = y - d.Y, pz = z - d.Z;
            if (Inside(px, py, pz) && levels[(pz * ny + py) * nx + px] == level) continue;
            int length = 1;
            for (int qx = x + d.X, qy = y + d.Y, qz = z + d.Z; Inside(qx, qy, qz) && levels[(qz * ny + qy) * nx + qx] == level;
                 qx += d.X, qy += d.Y, qz += d.Z) length++;
            m[level - 1, length - 1]++;
        }
        return m;
    }
}
