using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Report.Tests;

public sealed class AssociationHeatmapTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rg-heatmap-" + Guid.NewGuid().ToString("N")[..10]);

    public AssociationHeatmapTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void FourThousandFeaturesBecome512RowsKeepingEachBinsSmallestQ()
    {
        const int features = 4096;
        string[] genomic = ["G_a", "G_b", "G_c"];
        var random = new Random(7);
        var feature = new List<string?>();
        var gene = new List<string?>();
        var q = new List<double?>();
        for (int f = 0; f < features; f++)
        foreach (var g in genomic)
        {
            feature.Add($"fea_{f + 1:0000}");
            gene.Add(g);
            q.Add(f == 100 && g == "G_b" ? 1e-9 : f == 7 && g == "G_c" ? null : 0.05 + 0.95 * random.NextDouble());
        }
        string path = Path.Combine(_dir, "associations.parquet");
        ParquetFile.Write(new Table().Add("feature", feature.ToArray()).Add("genomic_feature", gene.ToArray()).Add("q", q.ToArray()), path);
        using var db = new DuckDbConnection();
        var heatmap = AssociationHeatmap.Read(db, path);

        Assert.Equal(512, heatmap.RowLabels.Count);
        Assert.Equal(8, heatmap.FeaturesPerRow);
        Assert.Equal("fea_0001–fea_0008", heatmap.RowLabels[0]);
        Assert.Equal("G_b", heatmap.ColumnLabels[0]); // the column with the largest −log10 q comes first
        Assert.Equal(9.0, heatmap.Values[100 / 8][0]!.Value, 3);
        // Every other cell is the bin's largest −log10 q, computed here directly.
        for (int bin = 0; bin < 512; bin++)
        for (int c = 0; c < 3; c++)
        {
            string g = heatmap.ColumnLabels[c];
            double expected = Enumerable.Range(bin * 8, 8).Select(f => q[f * 3 + Array.IndexOf(genomic, g)]).OfType<double>().Max(v => -Math.Log10(v));
            Assert.Equal(Math.Round(expected, 3), heatmap.Values[bin][c]!.Value, 6);
        }
    }
}
