namespace Radiogenomics.Stages;

/// <summary>The feature selection <c>classify.forest</c> fits inside each training fold.</summary>
public enum ForestSelection
{
    /// <summary>All features.</summary>
    None,

    /// <summary>The first k principal components (centred, scaled; prcomp), or the fewest reaching <c>variance</c>.</summary>
    Pca,

    /// <summary>The k features of highest ReliefF weight (Kononenko; <c>neighbours</c> nearest hits and misses).</summary>
    Relieff,
}
