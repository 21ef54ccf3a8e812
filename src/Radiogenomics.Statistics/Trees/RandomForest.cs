namespace Radiogenomics.Statistics;

/// <summary>
/// A fitted classification forest: its trees over <see cref="FeatureCount"/> features. A case's score is the share of
/// trees voting class 1 (randomForest's <c>predict(type = "prob")</c>).
/// </summary>
public sealed class RandomForest
{
    public RandomForest(IReadOnlyList<DecisionTree> trees, int featureCount)
    {
        if (trees.Count == 0) throw new ArgumentException("a forest needs at least one tree");
        foreach (var t in trees)
            foreach (int f in t.Feature)
                if (f >= featureCount) throw new ArgumentException($"a tree splits on feature {f}, but the forest has {featureCount} features");
        Trees = trees;
        FeatureCount = featureCount;
    }

    public IReadOnlyList<DecisionTree> Trees { get; }
    public int FeatureCount { get; }

    /// <summary>Share of trees voting class 1 for row <paramref name="row"/> of <paramref name="columns"/> (feature columns).</summary>
    public double Score(IReadOnlyList<double[]> columns, int row)
    {
        int votes = 0;
        foreach (var t in Trees) votes += t.Vote[t.TerminalNode(columns, row)];
        return (double)votes / Trees.Count;
    }

    /// <summary>Scores of every row of <paramref name="columns"/>.</summary>
    public double[] Score(IReadOnlyList<double[]> columns)
    {
        if (columns.Count != FeatureCount) throw new ArgumentException($"the forest has {FeatureCount} features, the data {columns.Count}");
        int n = columns.Count == 0 ? 0 : columns[0].Length;
        var score = new double[n];
        Parallel.For(0, n, i => score[i] = Score(columns, i));
        return score;
    }
}
