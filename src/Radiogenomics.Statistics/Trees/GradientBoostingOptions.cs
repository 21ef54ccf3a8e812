namespace Radiogenomics.Statistics;

/// <summary>
/// Settings of <see cref="GradientBoostingClassifier"/>. The defaults are scikit-learn's GradientBoostingClassifier's
/// (100 rounds, depth 3, learning rate 0.1, all rows and all features), with which the fit is deterministic.
/// </summary>
public sealed record GradientBoostingOptions
{
    /// <summary>Boosting rounds (trees).</summary>
    public int Rounds { get; init; } = 100;

    /// <summary>Depth of each tree (1: stumps).</summary>
    public int MaxDepth { get; init; } = 3;

    /// <summary>Shrinkage η applied to every tree's leaf values.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Share of the rows each round's tree is fitted on, drawn without replacement (1: all, deterministic).</summary>
    public double Subsample { get; init; } = 1;

    /// <summary>Share of the features each tree may split on, drawn per tree (1: all, deterministic).</summary>
    public double ColumnSample { get; init; } = 1;

    /// <summary>Smallest sum of p(1 − p) (the loss's Hessian) in a child of a split; 0: no limit (scikit-learn).</summary>
    public double MinChildWeight { get; init; }

    /// <summary>Seed of the row and feature draws (unused when both shares are 1).</summary>
    public int Seed { get; init; } = 1;
}
