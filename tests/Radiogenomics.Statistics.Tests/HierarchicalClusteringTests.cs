namespace Radiogenomics.Statistics.Tests;

public class HierarchicalClusteringTests
{
    [Fact]
    public void Order_is_a_permutation_and_separates_clear_groups()
    {
        var rng = new Random(8);
        var points = new List<double[]>();
        for (int i = 0; i < 30; i++)
        {
            int group = i % 3;
            points.Add([group * 10 + Simulated.Normal(rng), -group * 10 + Simulated.Normal(rng), Simulated.Normal(rng)]);
        }
        var order = HierarchicalClustering.AverageLinkageOrder(points);
        Assert.Equal(Enumerable.Range(0, 30), order.Order());
        var groups = order.Select(i => i % 3).ToArray();
        Assert.Equal(2, groups.Zip(groups.Skip(1), (a, b) => a != b ? 1 : 0).Sum());
    }

    [Fact]
    public void Matches_a_naive_average_linkage()
    {
        var rng = new Random(9);
        for (int trial = 0; trial < 5; trial++)
        {
            int n = 5 + trial * 7;
            var points = Enumerable.Range(0, n).Select(_ => new[] { Simulated.Normal(rng), Simulated.Normal(rng), Simulated.Normal(rng), Simulated.Normal(rng) }).ToList();
            Assert.Equal(NaiveOrder(points), HierarchicalClustering.AverageLinkageOrder(points));
        }
    }

    [Fact]
    public void Missing_values_and_tiny_inputs_are_handled()
    {
        Assert.Empty(HierarchicalClustering.AverageLinkageOrder(new List<double[]>()));
        Assert.Equal([0], HierarchicalClustering.AverageLinkageOrder([[1.0]]));
        Assert.Equal([0, 1], HierarchicalClustering.AverageLinkageOrder([[1.0], [2.0]]));
        double nan = double.NaN;
        var order = HierarchicalClustering.AverageLinkageOrder([[0, nan, 0], [10, 10, nan], [0.1, 0, nan], [nan, nan, nan], [10, 9.9, 10]]);
        Assert.Equal(Enumerable.Range(0, 5), order.Order());
        int a = Array.IndexOf(order, 0), b = Array.IndexOf(order, 2);
        Assert.Equal(1, Math.Abs(a - b)); // the two points near the origin are neighbours
        var m = new double[,] { { 1, 5, 1.1 }, { 2, 6, 2.1 } };
        Assert.Equal(1, Math.Abs(Array.IndexOf(HierarchicalClustering.AverageLinkageOrder(m, byColumns: true), 0)
                                 - Array.IndexOf(HierarchicalClustering.AverageLinkageOrder(m, byColumns: true), 2)));
    }

    /// <summary>O(n³) UPGMA straight from the definition, with the same child-order convention.</summary>
    private static int[] NaiveOrder(List<double[]> points)
    {
        var clusters = points.Select((_, i) => new List<int> { i }).ToList();
        var trees = points.Select((_, i) => (object)i).ToList();
        double Dist(int i, int j) => Math.Sqrt(points[i].Zip(points[j], (a, b) => (a - b) * (a - b)).Sum());
        while (clusters.Count > 1)
        {
            double best = double.PositiveInfinity;
            int bi = -1, bj = -1;
            for (int i = 0; i < clusters.Count; i++)
                for (int j = i + 1; j < clusters.Count; j++)
                {
                    double d = clusters[i].SelectMany(p => clusters[j].Select(q => Dist(p, q))).Average();
                    if (d < best) { best = d; bi = i; bj = j; }
                }
            var (first, second) = clusters[bi].Min() < clusters[bj].Min() ? (bi, bj) : (bj, bi);
            var merged = clusters[first].Concat(clusters[second]).ToList();
            var tree = (object)(trees[first], trees[second]);
            clusters[bi] = merged; trees[bi] = tree;
            clusters.RemoveAt(bj); trees.RemoveAt(bj);
        }
        var order = new List<int>();
        void Walk(object t)
        {
            if (t is int leaf) { order.Add(leaf); return; }
            var (l, r) = ((object, object))t;
            Walk(l);
            Walk(r);
        }
        Walk(trees[0]);
        return order.ToArray();
    }
}
