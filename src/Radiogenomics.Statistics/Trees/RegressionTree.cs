namespace Radiogenomics.Statistics;

/// <summary>
/// One boosting tree, nodes in creation order (node 0 the root). An inner node sends a case left when its value of
/// <see cref="Feature"/>, rounded to single precision as scikit-learn's trees read it, is ≤ <see cref="Threshold"/>;
/// a terminal node (feature −1) adds <see cref="Value"/> (times the learning rate) to the case's log-odds.
/// </summary>
public sealed class RegressionTree
{
    public RegressionTree(int[] feature, double[] threshold, int[] left, int[] right, double[] value)
    {
        int n = feature.Length;
        if (threshold.Length != n || left.Length != n || right.Length != n || value.Length != n)
            throw new ArgumentException("the node arrays of a tree differ in length");
        for (int k = 0; k < n; k++)
            if (feature[k] >= 0 && (left[k] <= k || right[k] <= k || left[k] >= n || right[k] >= n))
                throw new ArgumentException($"node {k} has children {left[k]} and {right[k]}, not later nodes of the tree");
        Feature = feature; Threshold = threshold; Left = left; Right = right; Value = value;
    }

    public int[] Feature { get; }
    public double[] Threshold { get; }
    public int[] Left { get; }
    public int[] Right { get; }
    public double[] Value { get; }
    public int NodeCount => Feature.Length;

    public int TerminalNode(IReadOnlyList<double[]> columns, int row)
    {
        int k = 0;
        while (Feature[k] >= 0) k = (double)(float)columns[Feature[k]][row] <= Threshold[k] ? Left[k] : Right[k];
        return k;
    }
}
