using System.Numerics;

namespace Radiogenomics.Statistics;

/// <summary>
/// Agglomerative clustering with average linkage (UPGMA) on Euclidean distances, used to order heatmap
/// rows and columns so that similar profiles sit together (as R's heatmap() and seaborn's clustermap do).
/// </summary>
public static class HierarchicalClustering
{
    /// <summary>Above this many items the condensed distance matrix (n²/2 doubles) would exceed ~3 GB.</summary>
    public const int MaxItems = 30_000;

    /// <summary>
    /// Leaf order of the average-linkage dendrogram of the rows of <paramref name="values"/>
    /// (or of its columns when <paramref name="byColumns"/>). See <see cref="AverageLinkageOrder(IReadOnlyList{double[]})"/>.
    /// </summary>
    public static int[] AverageLinkageOrder(double[,] values, bool byColumns = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        int rows = values.GetLength(0), cols = values.GetLength(1);
        int n = byColumns ? cols : rows, dim = byColumns ? rows : cols;
        var points = new double[n][];
        for (int i = 0; i < n; i++)
        {
            var p = new double[dim];
            for (int k = 0; k < dim; k++) p[k] = byColumns ? values[k, i] : values[i, k];
            points[i] = p;
        }
        return AverageLinkageOrder(points);
    }

    /// <summary>
    /// Leaf order (a permutation of 0..n−1) of the average-linkage dendrogram of <paramref name="points"/>.
    /// Distances are Euclidean; coordinates that are NaN in either point are skipped and the sum of squares is
    /// scaled up by (dimensions / coordinates used), as R's dist() does; a pair with nothing in common gets the
    /// largest distance seen. At every merge the subtree holding the smaller original index goes first, so the
    /// order is deterministic and stays close to the input order. Time O(n²·d + n²), memory n²/2 doubles.
    /// </summary>
    public static int[] AverageLinkageOrder(IReadOnlyList<double[]> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.Count;
        if (n > MaxItems) throw new ArgumentException($"{n} items are too many to cluster (at most {MaxItems}); order them another way.", nameof(points));
        if (n <= 2) return Enumerable.Range(0, n).ToArray();
        int dim = points[0].Length;
        foreach (var p in points)
            if (p is null || p.Length != dim) throw new ArgumentException("All points need the same number of coordinates.", nameof(points));

        var d = Distances(points, dim);
        var (left, right) = NearestNeighbourChain(d, n);
        return LeafOrder(left, right, n);
    }

    internal static long Index(int i, int j, int n)
    {
        if (i > j) (i, j) = (j, i);
        return (long)i * n - (long)i * (i + 1) / 2 + (j - i - 1);
    }

    private static double[] Distances(IReadOnlyList<double[]> points, int dim)
    {
        int n = points.Count;
        var d = new double[(long)n * (n - 1) / 2];
        bool anyNaN = points.Any(p => p.Any(double.IsNaN));
        // Rows are independent; each thread writes its own slice of the condensed matrix.
        Parallel.For(0, n - 1, i =>
        {
            var a = points[i];
            for (int j = i + 1; j < n; j++)
                d[Index(i, j, n)] = anyNaN ? DistanceWithNaN(a, points[j]) : Distance(a, points[j]);
        });
        // Pairs with no coordinates in common: put them as far apart as anything else.
        double max = 0;
        foreach (var v in d) if (v > max) max = v;
        for (long k = 0; k < d.Length; k++) if (double.IsNaN(d[k])) d[k] = max;
        return d;
    }

    private static double Distance(double[] a, double[] b)
    {
        int i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= 2 * Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var diff = new Vector<double>(a, i) - new Vector<double>(b, i);
                acc += diff * diff;
            }
            sum = Vector.Sum(acc);
        }
        for (; i < a.Length; i++)
        {
            double diff = a[i] - b[i];
            sum += diff * diff;
        }
        return Math.Sqrt(sum);
    }

    private static double DistanceWithNaN(double[] a, double[] b)
    {
        double sum = 0;
        int used = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double diff = a[i] - b[i];
            if (double.IsNaN(diff)) continue;
            sum += diff * diff;
            used++;
        }
        return used == 0 ? double.NaN : Math.Sqrt(sum * a.Length / used);
    }

    /// <summary>
    /// Nearest-neighbour chain algorithm (exact for average linkage, which is reducible): follow nearest
    /// neighbours until two clusters are each other's nearest, merge them, update with Lance–Williams.
    /// Returns the children of internal nodes n..2n−2 (leaves are 0..n−1).
    /// </summary>
    private static (int[] Left, int[] Right) NearestNeighbourChain(double[] d, int n)
    {
        var size = new int[n];
        var node = new int[n]; // tree node currently held by each slot
        var active = new bool[n];
        for (int i = 0; i < n; i++) { size[i] = 1; node[i] = i; active[i] = true; }
        var left = new int[n - 1];
        var right = new int[n - 1];
        var chain = new List<int>(n);
        int merges = 0;
        while (merges < n - 1)
        {
            if (chain.Count == 0)
                for (int i = 0; i < n; i++) if (active[i]) { chain.Add(i); break; }
            int a = chain[^1];
            int prev = chain.Count >= 2 ? chain[^2] : -1;
            // Ties go to the previous chain element, otherwise the chain could cycle.
            int b = prev;
            double best = prev >= 0 ? d[Index(a, prev, n)] : double.PositiveInfinity;
            for (int k = 0; k < n; k++)
            {
                if (!active[k] || k == a) continue;
                double v = d[Index(a, k, n)];
                if (v < best) { best = v; b = k; }
            }
            if (b != prev)
            {
                chain.Add(b);
                continue;
            }
            chain.RemoveAt(chain.Count - 1);
            chain.RemoveAt(chain.Count - 1);
            int keep = Math.Min(a, b), drop = Math.Max(a, b);
            int na = size[keep], nb = size[drop];
            for (int k = 0; k < n; k++)
            {
                if (!active[k] || k == keep || k == drop) continue;
                long ik = Index(keep, k, n);
                d[ik] = (na * d[ik] + nb * d[Index(drop, k, n)]) / (na + nb);
            }
            active[drop] = false;
            left[merges] = node[keep];
            right[merges] = node[drop];
            node[keep] = n + merges;
            size[keep] = na + nb;
            merges++;
        }
        return (left, right);
    }

    private static int[] LeafOrder(int[] left, int[] right, int n)
    {
        // Smallest original index in each subtree decides which child is drawn first.
        var minLeaf = new int[2 * n - 1];
        for (int i = 0; i < n; i++) minLeaf[i] = i;
        for (int m = 0; m < n - 1; m++) minLeaf[n + m] = Math.Min(minLeaf[left[m]], minLeaf[right[m]]);
        var order = new List<int>(n);
        var stack = new Stack<int>();
        stack.Push(2 * n - 2);
        while (stack.Count > 0)
        {
            int v = stack.Pop();
            if (v < n) { order.Add(v); continue; }
            int l = left[v - n], r = right[v - n];
            if (minLeaf[l] > minLeaf[r]) (l, r) = (r, l);
            stack.Push(r);
            stack.Push(l);
        }
        return order.ToArray();
    }
}
