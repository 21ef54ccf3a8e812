namespace Radiogenomics.Imaging.Radiomics;

/// <summary>IBSI grey level size zone matrix features (chapter 3.8): zones by grey level and size (8-connected in 2D, 26-connected in 3D).</summary>
public static class GlszmFeatures
{
    public const string Family = "GLSZM";

    public static readonly string[] Names =
    [
        "Small zone emphasis", "Large zone emphasis", "Low grey level zone emphasis", "High grey level zone emphasis",
        "Small zone low grey level emphasis", "Small zone high grey level emphasis", "Large zone low grey level emphasis",
        "Large zone high grey level emphasis", "Grey level non-uniformity", "Normalised grey level non-uniformity",
        "Zone size non-uniformity", "Normalised zone size non-uniformity", "Zone percentage", "Grey level variance",
        "Zone size variance", "Zone size entropy",
    ];

    public static IReadOnlyList<RadiomicsFeature> Compute(DiscretisedImage image, ISet<string>? aggregations = null)
    {
        int maxSize = Math.Max(1, image.RoiLevelCount);
        return TextureAggregation.PerSlice(image, Family, Names, slice => Matrix(image, slice, maxSize), EmphasisFeatures.First16, aggregations);
    }

    internal static TextureMatrix Matrix(DiscretisedImage image, int? slice, int maxSize)
    {
        var zones = GreyLevelZones.Find(image, slice);
        var m = new TextureMatrix(image.GreyLevels, maxSize) { VoxelCount = zones.VoxelCount };
        for (int k = 0; k < zones.Count; k++) m[zones.Levels[k] - 1, zones.Sizes[k] - 1]++;
        return m;
    }
}
