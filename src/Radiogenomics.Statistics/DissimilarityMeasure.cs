namespace Radiogenomics.Statistics;

/// <summary>How <see cref="Dissimilarities"/> compares two profiles.</summary>
public enum DissimilarityMeasure
{
    /// <summary>R's <c>dist(x)</c>: Euclidean distance.</summary>
    Euclidean,

    /// <summary><c>as.dist(1 − cor(t(x)))</c>: one minus the Pearson correlation of the two profiles (0 to 2).</summary>
    Correlation,
}
