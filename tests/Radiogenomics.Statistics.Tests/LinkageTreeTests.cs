namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// hclust (ward.D2, complete, average) and cutree against R 4.2.2's stats (golden/make_tsne_golden.R) on standardised
/// USArrests (50 × 4) and a simulated 46 × 12 matrix, with Euclidean and 1 − correlation dissimilarities.
/// </summary>
public class LinkageTreeTests
{
    /// <summary>Stated tolerances: dissimilarities 1e-12, heights 1e-10 (absolute); merges, orders and clusters exactly.</summary>
    private const double DistanceTolerance = 1e-12, HeightTolerance = 1e-10;

    private static double[][] Standardised(string data)
    {
        var rows = Golden.Read($"hclust_data_{data}.csv");
        var names = rows[0].Keys.ToArray();
        var columns = names.Select(c => rows.Select(r => Golden.Number(r[c])).ToArray()).ToArray();
        foreach (var column in columns) ZScore.StandardizeInPlace(column);
        return Enumerable.Range(0, rows.Count).Select(i => columns.Select(c => c[i]).ToArray()).ToArray();
    }

    private static double[,] RDissimilarity(string data, string distance)
    {
        var cells = Golden.Read($"hclust_dist_{data}_{distance}.csv");
        int n = (int)Math.Round(Math.Sqrt(cells.Count));
        var d = new double[n, n];
        foreach (var c in cells) d[int.Parse(c["i"]) - 1, int.Parse(c["j"]) - 1] = Golden.Number(c["d"]);
        return d;
    }

    private static Linkage Method(string name) => name switch
    {
        "ward.D2" => Linkage.WardD2,
        "complete" => Linkage.Complete,
        "average" => Linkage.Average,
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("usarrests", "euclidean")]
    [InlineData("usarrests", "correlation")]
    [InlineData("sim", "euclidean")]
    [InlineData("sim", "correlation")]
    public void DissimilaritiesMatchDistAndCor(string data, string distance)
    {
        var expected = RDissimilarity(data, distance);
        var actual = Dissimilarities.Between(Standardised(data),
            distance == "euclidean" ? DissimilarityMeasure.Euclidean : DissimilarityMeasure.Correlation);
        int n = expected.GetLength(0);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                Assert.True(Math.Abs(actual[i, j] - expected[i, j]) <= DistanceTolerance, $"[{i + 1}, {j + 1}]: {actual[i, j]:R} vs R {expected[i, j]:R}");
    }

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var data in new[] { "usarrests", "sim" })
            foreach (var distance in new[] { "euclidean", "correlation" })
                foreach (var method in new[] { "ward.D2", "complete", "average" })
                    cases.Add(data, distance, method);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TreeMatchesHclust(string data, string distance, string method)
    {
        var tree = LinkageTree.Fit(RDissimilarity(data, distance), Method(method));
        var steps = Golden.Read("hclust_trees.csv").Where(r => r["data"] == data && r["distance"] == distance && r["method"] == method).ToList();
        Assert.Equal(steps.Count, tree.Height.Count);
        for (int s = 0; s < steps.Count; s++)
        {
            Assert.Equal(int.Parse(steps[s]["left"]), tree.Merge[s, 0]);
            Assert.Equal(int.Parse(steps[s]["right"]), tree.Merge[s, 1]);
            double h = Golden.Number(steps[s]["height"]);
            Assert.True(Math.Abs(tree.Height[s] - h) <= HeightTolerance, $"step {s + 1}: height {tree.Height[s]:R} vs R {h:R}");
        }
        var order = Golden.Read("hclust_order.csv").Where(r => r["data"] == data && r["distance"] == distance && r["method"] == method)
            .Select(r => int.Parse(r["item"]) - 1).ToArray();
        Assert.Equal(order, tree.Order);
        var cuts = Golden.Read("hclust_cutree.csv").Where(r => r["data"] == data && r["distance"] == distance && r["method"] == method).ToList();
        foreach (var k in cuts.Select(r => int.Parse(r["k"])).Distinct())
            Assert.Equal(cuts.Where(r => r["k"] == k.ToString()).Select(r => int.Parse(r["cluster"])).ToArray(), tree.Cut(k));
    }

    [Fact]
    public void CutIntoOneOrEveryObject()
    {
        var tree = LinkageTree.Fit(RDissimilarity("usarrests", "euclidean"), Linkage.Complete);
        Assert.All(tree.Cut(1), c => Assert.Equal(1, c));
        Assert.Equal(Enumerable.Range(1, 50).ToArray(), tree.Cut(50));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.Cut(51));
    }
}
