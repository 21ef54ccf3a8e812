namespace Radiogenomics.Statistics;

/// <summary>
/// <c>hclust(d, method)</c> of a dissimilarity matrix, as R's Fortran HCLUST and HCASS2 build it: nearest neighbours to
/// the right of each object, the closest pair (first found on ties) merged and its dissimilarities updated by
/// Lance–Williams for the <see cref="Linkage"/> (Ward.D2 on squared dissimilarities, heights square-rooted back), then
/// R's merge matrix (singletons −i, clusters by step) and the leaf order of the dendrogram; <see cref="Cut"/> is
/// <c>cutree(k = …)</c>. One tree for every caller (WGCNA's modules, the patient clustering heatmap).
/// </summary>
public sealed class LinkageTree
{
    private LinkageTree(int[,] merge, double[] height, int[] order)
    {
        Merge = merge;
        Height = height;
        Order = order;
    }

    /// <summary>R's <c>merge</c>: row s holds the two joined at step s + 1 (−i a singleton, 1-based; +j the cluster of step j).</summary>
    public int[,] Merge { get; }

    public IReadOnlyList<double> Height { get; }

    /// <summary>R's <c>order</c>, 0-based: the objects left to right.</summary>
    public IReadOnlyList<int> Order { get; }

    public int Count => Order.Count;

    /// <summary>The tree of a symmetric dissimilarity matrix (only the upper triangle is read).</summary>
    public static LinkageTree Fit(double[,] dissimilarity, Linkage linkage = Linkage.Average)
    {
        int n = dissimilarity.GetLength(0);
        if (n < 2 || dissimilarity.GetLength(1) != n) throw new ArgumentException("a square dissimilarity matrix of at least 2 objects is needed");
        var d = (double[,])dissimilarity.Clone();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                if (double.IsNaN(d[i, j])) throw new ArgumentException($"dissimilarity [{i + 1}, {j + 1}] is NaN; hclust needs complete dissimilarities.", nameof(dissimilarity));
                if (linkage == Linkage.WardD2) d[i, j] *= d[i, j]; // Ward "D2" runs on squared dissimilarities
                d[j, i] = d[i, j];
            }
        var size = new double[n];
        Array.Fill(size, 1.0);
        var active = new bool[n];
        Array.Fill(active, true);
        var nn = new int[n];
        var nnDist = new double[n];
        const double Inf = 1e300;
        for (int i = 0; i < n - 1; i++) NearestRight(i);
        var ia = new int[n - 1];
        var ib = new int[n - 1];
        var height = new double[n - 1];
        for (int step = 0; step < n - 1; step++)
        {
            double best = Inf;
            int im = 0, jm = 0;
            for (int i = 0; i < n - 1; i++)
                if (active[i] && nnDist[i] < best) { best = nnDist[i]; im = i; jm = nn[i]; }
            int i2 = Math.Min(im, jm), j2 = Math.Max(im, jm);
            ia[step] = i2; ib[step] = j2;
            height[step] = linkage == Linkage.WardD2 ? Math.Sqrt(best) : best;
            double between = d[i2, j2];
            active[j2] = false;
            // Lance–Williams update; the new cluster's nearest neighbour to the right, and a closer i2 for those left of it.
            double dmin = Inf;
            int jj = 0;
            for (int k = 0; k < n; k++)
            {
                if (!active[k] || k == i2) continue;
                double v = linkage switch
                {
                    Linkage.WardD2 => ((size[i2] + size[k]) * d[i2, k] + (size[j2] + size[k]) * d[j2, k] - size[k] * between)
                                      / (size[i2] + size[j2] + size[k]),
                    Linkage.Complete => Math.Max(d[i2, k], d[j2, k]),
                    Linkage.Average => (size[i2] * d[i2, k] + size[j2] * d[j2, k]) / (size[i2] + size[j2]),
                    Linkage.Single => Math.Min(d[i2, k], d[j2, k]),
                    _ => throw new ArgumentOutOfRangeException(nameof(linkage)),
                };
                d[i2, k] = d[k, i2] = v;
                if (i2 < k)
                {
                    if (v < dmin) { dmin = v; jj = k; }
                }
                else if (v < nnDist[k]) { nnDist[k] = v; nn[k] = i2; }
            }
            size[i2] += size[j2];
            nnDist[i2] = dmin;
            nn[i2] = jj;
            for (int i = 0; i < n - 1; i++)
                if (active[i] && (nn[i] == i2 || nn[i] == j2) && i != i2) NearestRight(i);
        }
        var (merge, order) = Assemble(n, ia, ib);
        return new LinkageTree(merge, height, order);

        void NearestRight(int i)
        {
            double dmin = Inf;
            int jm = 0;
            for (int j = i + 1; j < n; j++)
                if (active[j] && d[i, j] < dmin) { dmin = d[i, j]; jm = j; }
            nn[i] = jm;
            nnDist[i] = dmin;
        }
    }

    /// <summary>
    /// <c>cutree(tree, k)</c>: the clusters left after the first n − k merges, numbered 1..k in the order their first
    /// object appears in the input (as R numbers them).
    /// </summary>
    public int[] Cut(int k)
    {
        int n = Count;
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), $"k must be between 1 and {n}.");
        var parent = Enumerable.Range(0, n).ToArray();
        var stepRoot = new int[n - 1]; // an object of the cluster formed at each step
        for (int s = 0; s < n - k; s++)
        {
            int a = Member(Merge[s, 0]), b = Member(Merge[s, 1]);
            parent[Root(b)] = Root(a);
            stepRoot[s] = a;
        }
        var label = new int[n];
        var byRoot = new Dictionary<int, int>();
        for (int i = 0; i < n; i++)
        {
            int r = Root(i);
            if (!byRoot.TryGetValue(r, out int c)) byRoot[r] = c = byRoot.Count + 1;
            label[i] = c;
        }
        return label;

        int Member(int code) => code < 0 ? -code - 1 : stepRoot[code - 1];
        int Root(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }
    }

    /// <summary>HCASS2: R's merge coding and the leaf order from the sequence of (lowest index, other index) merges.</summary>
    private static (int[,] Merge, int[] Order) Assemble(int n, int[] ia0, int[] ib0)
    {
        int m = n - 1;
        var ia = ia0.Select(v => v + 1).ToArray();
        var ib = ib0.Select(v => v + 1).ToArray();
        var iia = (int[])ia.Clone();
        var iib = (int[])ib.Clone();
        for (int i = 0; i < m - 1; i++)
        {
            int k = Math.Min(ia[i], ib[i]);
            for (int j = i + 1; j < m; j++)
            {
                if (ia[j] == k) iia[j] = -(i + 1);
                if (ib[j] == k) iib[j] = -(i + 1);
            }
        }
        for (int i = 0; i < m; i++) { iia[i] = -iia[i]; iib[i] = -iib[i]; }
        for (int i = 0; i < m; i++)
        {
            if (iia[i] > 0 && iib[i] < 0) (iia[i], iib[i]) = (iib[i], iia[i]);
            if (iia[i] > 0 && iib[i] > 0) (iia[i], iib[i]) = (Math.Min(iia[i], iib[i]), Math.Max(iia[i], iib[i]));
        }
        var order = new List<int>(n) { iia[m - 1], iib[m - 1] };
        for (int i = m - 1; i >= 1; i--)
        {
            int j = order.IndexOf(i);
            order[j] = iia[i - 1];
            order.Insert(j + 1, iib[i - 1]);
        }
        var merge = new int[m, 2];
        for (int i = 0; i < m; i++) { merge[i, 0] = iia[i]; merge[i, 1] = iib[i]; }
        return (merge, order.Select(v => -v - 1).ToArray());
    }
}
