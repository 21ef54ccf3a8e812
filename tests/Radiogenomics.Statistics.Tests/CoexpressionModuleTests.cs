using Radiogenomics.Statistics.Coexpression;

namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// The WGCNA-style module steps against Debian's r-cran-wgcna 1.72 (golden/make_wgcna_golden.R, versions_wgcna.txt):
/// pickSoftThreshold tables, TOMsimilarity, hclust(average), cutreeDynamic(method = "tree"), moduleEigengenes and the
/// module–trait correlations with corPvalueStudent.
/// </summary>
public class CoexpressionModuleTests
{
    /// <summary>Stated tolerance for every number (absolute); labels, merges and orders exactly.</summary>
    private const double Tolerance = 1e-6;

    private static readonly Lazy<(double[][] Genes, double[][] Traits)> Data = new(() =>
    {
        var expr = Golden.Read("wgcna_expr.csv");
        var genes = expr[0].Keys.Where(k => k != "sample").OrderBy(k => k, StringComparer.Ordinal)
            .Select(k => expr.Select(r => Golden.Number(r[k])).ToArray()).ToArray();
        var traits = Golden.Read("wgcna_traits.csv");
        return (genes, new[] { "trait_a", "trait_b" }.Select(t => traits.Select(r => Golden.Number(r[t])).ToArray()).ToArray());
    });

    private static LinkageTree Tree()
    {
        var genes = Data.Value.Genes;
        var tom = CoexpressionNetwork.TopologicalOverlap(CoexpressionNetwork.Adjacency(genes, 6, NetworkType.Unsigned));
        int g = genes.Length;
        var dissimilarity = new double[g, g];
        for (int i = 0; i < g; i++) for (int j = 0; j < g; j++) dissimilarity[i, j] = 1 - tom[i, j];
        return LinkageTree.Fit(dissimilarity);
    }

    [Theory]
    [InlineData("unsigned")]
    [InlineData("signed")]
    public void SoftThresholdTableMatchesPickSoftThreshold(string network)
    {
        var expected = Golden.Read("wgcna_soft_threshold.csv").Where(r => r["network"] == network).ToList();
        var fits = CoexpressionNetwork.SoftThreshold(Data.Value.Genes, expected.Select(r => int.Parse(r["power"])).ToArray(),
            network == "signed" ? NetworkType.Signed : NetworkType.Unsigned);
        Assert.Equal(expected.Count, fits.Count);
        for (int i = 0; i < fits.Count; i++)
        {
            var (e, f) = (expected[i], fits[i]);
            Assert.Equal(int.Parse(e["power"]), f.Power);
            Near(e["sft_r2"], f.ScaleFreeRSquared, $"power {f.Power} SFT.R.sq");
            Near(e["slope"], f.Slope, $"power {f.Power} slope");
            Near(e["truncated_r2"], f.TruncatedRSquared, $"power {f.Power} truncated R²");
            Near(e["mean_k"], f.MeanConnectivity, $"power {f.Power} mean k");
            Near(e["median_k"], f.MedianConnectivity, $"power {f.Power} median k");
            Near(e["max_k"], f.MaxConnectivity, $"power {f.Power} max k");
        }
    }

    [Fact]
    public void TopologicalOverlapMatchesTomSimilarity()
    {
        var tom = CoexpressionNetwork.TopologicalOverlap(CoexpressionNetwork.Adjacency(Data.Value.Genes, 6, NetworkType.Unsigned));
        var expected = Golden.Read("wgcna_tom.csv");
        Assert.Equal(Data.Value.Genes.Length * (Data.Value.Genes.Length + 1) / 2, expected.Count);
        foreach (var r in expected)
        {
            int i = int.Parse(r["i"]) - 1, j = int.Parse(r["j"]) - 1;
            Near(r["tom"], tom[i, j], $"TOM[{i + 1},{j + 1}]");
        }
    }

    [Fact]
    public void AverageLinkageMatchesHclust()
    {
        var tree = Tree();
        var expected = Golden.Read("wgcna_tree.csv");
        for (int s = 0; s < expected.Count; s++)
        {
            Assert.Equal(int.Parse(expected[s]["a"]), tree.Merge[s, 0]);
            Assert.Equal(int.Parse(expected[s]["b"]), tree.Merge[s, 1]);
            Near(expected[s]["height"], tree.Height[s], $"height {s + 1}");
        }
        var order = expected.Select(r => int.Parse(r["order"]) - 1).Append(int.Parse(expected[0]["last_order"]) - 1).ToArray();
        Assert.Equal(order, tree.Order);
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(10, false)]
    [InlineData(15, true)]
    [InlineData(15, false)]
    public void TreeCutMatchesCutreeDynamic(int minSize, bool deepSplit)
    {
        var expected = Golden.Read("wgcna_modules.csv")
            .Where(r => int.Parse(r["min_size"]) == minSize && bool.Parse(r["deep_split"]) == deepSplit)
            .OrderBy(r => int.Parse(r["gene"])).Select(r => int.Parse(r["module"])).ToArray();
        Assert.Equal(expected, DynamicTreeCut.Tree(Tree(), minSize, deepSplit));
    }

    [Fact]
    public void EigengenesAndModuleTraitCorrelationsMatchWgcna()
    {
        var labels = DynamicTreeCut.Tree(Tree(), 15, deepSplit: true);
        var eigengenes = ModuleEigengenes.Compute(Data.Value.Genes, labels);
        var expected = Golden.Read("wgcna_eigengenes.csv").GroupBy(r => r["eigengene"]).ToDictionary(g => g.Key, g => g.OrderBy(r => int.Parse(r["sample"])).Select(r => Golden.Number(r["value"])).ToArray());
        Assert.Equal(expected.Keys.Order(), eigengenes.Select(e => $"ME{e.Module}").Order());
        foreach (var (module, values) in eigengenes)
            for (int i = 0; i < values.Length; i++) Near(expected[$"ME{module}"][i], values[i], $"ME{module} sample {i + 1}");

        var traits = Data.Value.Traits;
        foreach (var r in Golden.Read("wgcna_module_trait.csv"))
        {
            var me = eigengenes.Single(e => $"ME{e.Module}" == r["eigengene"]).Eigengene;
            var test = PearsonCorrelation.Test(me, traits[r["trait"] == "trait_a" ? 0 : 1]);
            Near(r["r"], test.Estimate, $"{r["eigengene"]}–{r["trait"]} r");
            Near(r["p"], test.PValue, $"{r["eigengene"]}–{r["trait"]} p");
        }
    }

    private static void Near(string expected, double actual, string what) => Near(Golden.Number(expected), actual, what);

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance, $"{what}: {actual} vs {expected} (|Δ| {Math.Abs(expected - actual):g3})");
}
