namespace Radiogenomics.Statistics;

/// <summary>
/// One classification tree, nodes in creation order (node 0 the root). An inner node sends a case left when its value
/// of <see cref="Feature"/> is ≤ <see cref="Threshold"/> (randomForest's rule; the threshold is the midpoint between the
/// two training values it separates); a terminal node (feature −1) votes <see cref="Vote"/>. <see cref="Probability"/> is
/// the share of class 1 among the node's bootstrap cases (weighted by how often each was drawn).
/// </summary>
public sealed class DecisionTree
{
    public DecisionTree(int[] feature, double[] threshold, int[] left, int[] right, double[] probability, int[] vote)
    {
        int n = feature.Length;
        if (threshold.Length != n || left.Length != n || right.Length != n || probability.Length != n || vote.Length != n)
            throw new ArgumentException("the node arrays of a tree differ in length");
        for (int k = 0; k < n; k++)
            if (feature[k] >= 0 && (left[k] <= k || right[k] <= k || left[k] >= n || right[k] >= n))
                throw new ArgumentException($"node {k} has children {left[k]} and {right[k]}, not later nodes of the tree");
        Feature = feature; Threshold = threshold; Left = left; Right = right; Probability = probability; Vote = vote;
    }

    public int[] Feature { get; }
    public double[] Threshold { get; }
    public int[] Left { get; }
    public int[] Right { get; }
    public double[] Probability { get; }
    public int[] Vote { get; }
    public int NodeCount => Feature.Length;

    /// <summary>The terminal node that row <paramref name="row"/> of <paramref name="columns"/> falls into.</summary>
    public int TerminalNode(IReadOnlyList<double[]> columns, int row)
    {
        int k = 0;
        while (Feature[k] >= 0) k = columns[Feature[k]][row] <= Threshold[k] ? Left[k] : Right[k];
        return k;
    }
}
