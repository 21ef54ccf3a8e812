namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// IBSI neighbouring grey level dependence matrix features (chapter 3.11): per ROI voxel, grey level i and
/// dependence count j = 1 + the ROI neighbours (Chebyshev distance 1) whose level differs by at most the
/// coarseness α (IBSI's reference: α = 0).
/// </summary>
public static class NgldmFeatures
{
    public const string Family = "NGLDM";

    public static readonly string[] Names =
    [
        "Low dependence emphasis", "High dependence emphasis", "Low grey level count emphasis", "High grey level count emphasis",
        "Low dependence low grey level emphasis", "Low dependence high grey level emphasis", "High dependence low grey level emphasis",
        "High dependence high grey level emphasis", "Grey level non-uniformity", "Normalised grey level non-uniformity",
        "Dependence count non-uniformity", "Normalised dependence count non-uniformity", "Dependence count percentage",
        "Grey level variance", "Dependence count variance", "Dependence count entropy", "Dependence count energy",
    ];

    public static IReadOnlyList<RadiomicsFeature> Compute(DiscretisedImage image, int coarseness = 0, ISet<string>? aggregations = null) =>
        TextureAggregation.PerSlice(image, Family, Names, slice => Matrix(image, slice, coarseness), EmphasisFeatures.Compute, aggregations);

    internal static TextureMatrix Matrix(DiscretisedImage image, int? slice, int coarseness)
    {
        var m = new TextureMatrix(image.GreyLevels, 27);
        m.VoxelCount = NeighbourhoodScan.Run(image, slice, coarseness, (level, _, _, similar) => m[level - 1, similar]++);
        return m;
    }
}
