namespace Radiogenomics.Data;

/// <summary>
/// A feature table with its layout: the values (<see cref="FeatureMatrix"/>: image_id, patient_id, one column per
/// feature) and where each feature sits in the network's map (<see cref="FeatureLayout"/>, the <c>feature_map</c>
/// table). Stages that read features take both, so the layout can never be lost between extract and associate.
/// </summary>
public sealed class FeatureTable
{
    public FeatureTable(FeatureMatrix values, FeatureLayout layout)
    {
        if (!values.FeatureNames.SequenceEqual(layout.Names, StringComparer.Ordinal))
            throw new ArgumentException("the layout must list the matrix's features in the matrix's order");
        Values = values;
        Layout = layout;
    }

    public FeatureMatrix Values { get; }
    public FeatureLayout Layout { get; }
    public FeatureLevel Level => Values.Level;

    /// <summary>
    /// Reads the features and, when given, their map; without a map, features named fea_NNNN get the seed
    /// study's published layout (<see cref="FeatureLayout.FromSeedNames"/>) and others none.
    /// </summary>
    public static FeatureTable Read(string featuresPath, string? mapPath)
    {
        var values = FeatureMatrix.Read(featuresPath);
        var layout = mapPath is null ? FeatureLayout.FromSeedNames(values.FeatureNames) : FeatureLayout.Read(mapPath).For(values.FeatureNames, mapPath);
        return new FeatureTable(values, layout);
    }

    /// <summary>A table with the same layout and new values (e.g. normalised or aggregated per patient).</summary>
    public FeatureTable With(FeatureMatrix values) => new(values, Layout);

    public void Write(string featuresPath, string mapPath)
    {
        Values.Write(featuresPath);
        Layout.Write(mapPath);
    }
}
