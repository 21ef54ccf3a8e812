namespace Radiogenomics.Statistics;

/// <summary>
/// A fitted gradient-boosted classifier: log-odds = <see cref="InitialLogOdds"/> + η · Σ tree values; the score is its
/// logistic transform. <see cref="FeatureImportance"/> is scikit-learn's <c>feature_importances_</c> (each tree's
/// impurity decrease per feature over its root weight, averaged over trees that split, normalised to sum 1).
/// </summary>
public sealed class GradientBoostedTrees
{
    public GradientBoostedTrees(double initialLogOdds, double learningRate, IReadOnlyList<RegressionTree> trees, int featureCount, double[] featureImportance)
    {
        InitialLogOdds = initialLogOdds; LearningRate = learningRate; Trees = trees; FeatureCount = featureCount; FeatureImportance = featureImportance;
    }

    public double InitialLogOdds { get; }
    public double LearningRate { get; }
    public IReadOnlyList<RegressionTree> Trees { get; }
    public int FeatureCount { get; }
    public double[] FeatureImportance { get; }

    public double LogOdds(IReadOnlyList<double[]> columns, int row)
    {
        double raw = InitialLogOdds;
        foreach (var t in Trees) raw += LearningRate * t.Value[t.TerminalNode(columns, row)];
        return raw;
    }

    /// <summary>Probability of class 1 for every row of <paramref name="columns"/> (feature columns).</summary>
    public double[] Score(IReadOnlyList<double[]> columns)
    {
        if (columns.Count != FeatureCount) throw new ArgumentException($"the model has {FeatureCount} features, the data {columns.Count}");
        int n = columns.Count == 0 ? 0 : columns[0].Length;
        var score = new double[n];
        Parallel.For(0, n, i => score[i] = 1.0 / (1.0 + Math.Exp(-LogOdds(columns, i))));
        return score;
    }
}
