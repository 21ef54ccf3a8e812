namespace Radiogenomics.Statistics;

/// <summary>
/// Counts of ranks 1..K in a Fenwick (binary indexed) tree: add or remove a rank and count the ranks below or at most a
/// given one in O(log K), the balanced-tree bookkeeping of survival's concordance code in an array.
/// </summary>
internal sealed class RankCounts(int ranks)
{
    private readonly int[] _tree = new int[ranks + 1];

    /// <summary>How many ranks are held.</summary>
    public int Total { get; private set; }

    /// <summary>Adds <paramref name="count"/> (negative to remove) copies of <paramref name="rank"/> (1-based).</summary>
    public void Add(int rank, int count = 1)
    {
        Total += count;
        for (int r = rank; r < _tree.Length; r += r & -r) _tree[r] += count;
    }

    /// <summary>How many held ranks are ≤ <paramref name="rank"/> (0 for rank 0).</summary>
    public int AtMost(int rank)
    {
        int s = 0;
        for (int r = rank; r > 0; r -= r & -r) s += _tree[r];
        return s;
    }
}
