namespace Radiogenomics.Statistics;

/// <summary>How a classifier's features are reduced before fitting, always on training cases only.</summary>
public enum FeatureSelectionKind
{
    /// <summary>Every feature as it is.</summary>
    None,

    /// <summary>The first k principal components of the centred and scaled features (prcomp).</summary>
    Pca,

    /// <summary>The k features of highest ReliefF weight.</summary>
    ReliefF,
}
