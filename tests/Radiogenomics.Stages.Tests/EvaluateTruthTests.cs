using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>evaluate.truth's two scores on data whose answer is known by construction.</summary>
public sealed class EvaluateTruthTests
{
    [Fact]
    public void BestFeatureBeatsChanceOnlyForThePlantedProperty()
    {
        var random = new Random(4);
        int patients = 60, images = 3, noise = 40;
        var size = Enumerable.Range(0, patients).Select(_ => Normal(random)).ToArray();
        var washout = Enumerable.Range(0, patients).Select(_ => Normal(random)).ToArray(); // nothing carries it
        var ids = Enumerable.Range(0, patients).Select(p => $"P{p:D2}").ToArray();
        var imageIds = new string?[patients * images];
        var patientIds = new string?[patients * images];
        var columns = new double[noise + 2][];
        for (int j = 0; j < columns.Length; j++) columns[j] = new double[patients * images];
        for (int i = 0; i < patients * images; i++)
        {
            int p = i % patients;
            imageIds[i] = $"img{i}";
            patientIds[i] = ids[p];
            columns[0][i] = 0.8 * size[p] + 0.6 * Normal(random);
            for (int j = 1; j <= noise; j++) columns[j][i] = Normal(random);
            columns[noise + 1][i] = 7; // constant: left out, never NaN
        }
        var names = new[] { "planted" }.Concat(Enumerable.Range(1, noise).Select(j => $"noise{j}")).Append("constant").ToList();
        var features = new FeatureMatrix(imageIds, patientIds, names, columns);
        var truth = new Table().Add("patient_id", ids.Cast<string?>().ToArray()).Add("score_size", size).Add("score_washout", washout);

        var summary = new List<(string, double, string)>();
        var table = EvaluateTruthStage.ScoreProperties(features, truth, 200, 1, 0.05, summary, TestContext.Current.CancellationToken);
        Assert.Equal(["score_size", "score_washout"], table.GetStrings("property"));
        Assert.Equal([noise + 1, noise + 1], table.GetInt32s("features_tested"));
        Assert.Equal("planted", table.GetStrings("best_feature")[0]);
        Assert.True(table.GetDoubles("best_r")[0] > 0.8);
        Assert.Equal(1.0 / 201, table.GetDoubles("permutation_p")[0]); // no permutation comes close
        Assert.True(table.GetInt32s("significant_features")[0] >= 1);
        Assert.Equal(0, table.GetInt32s("significant_features")[1]);
        // Under the null the permutation p is uniform: far from the planted property's floor of 1/201.
        Assert.True(table.GetDoubles("permutation_p")[1] > 0.01, $"p {table.GetDoubles("permutation_p")[1]}");
        // The chance level of the best of 41 |r| over 60 patients is about 0.35 (independent features).
        Assert.InRange(table.GetDoubles("chance_abs_r_95")[1], 0.3, 0.45);
    }

    [Fact]
    public void RecallCountsPlantedFeaturesAndFalseDiscoveriesCountNullPairs()
    {
        var truth = new Table()
            .Add("entity_kind", new string?[] { "pathway", "pathway", "pathway", "pathway", "pathway", "pathway" })
            .Add("entity_id", new string?[] { "SET_A", "SET_B", "SET_B", "SET_NULL", "SET_PART", "SET_CLIN" })
            .Add("entity_name", new string?[] { "SET_A", "SET_B", "SET_B", "SET_NULL", "SET_PART", "SET_CLIN" })
            .Add("target", new string?[] { "size", "washout", "er_status", "none", "size", "hazard" })
            .Add("role", new string?[] { "direct", "indirect", "direct", "null", "partial", "direct" });
        // SET_A: 2 significant pairs; SET_B: none; SET_NULL: 1 (false); SET_PART and a genefu score: not counted.
        string[] g = ["SET_A", "SET_A", "SET_A", "SET_B", "SET_B", "SET_NULL", "SET_NULL", "SET_PART", "OncotypeDX", "SET_CLIN"];
        double[] q = [0.01, 0.04, 0.5, 0.2, 0.06, 0.03, 0.9, 0.001, 0.001, 0.01];
        string path = Path.Combine(Path.GetTempPath(), $"rg-assoc-{Guid.NewGuid():N}.parquet");
        try
        {
            ParquetFile.Write(new Table().Add("feature", g.Select((_, i) => (string?)$"f{i}").ToArray()).Add("genomic_feature", g.Cast<string?>().ToArray()).Add("q", q), path);
            var summary = new List<(string Metric, double Value, string Detail)>();
            var table = EvaluateTruthStage.ScoreAssociations(path, truth, 0.05, summary);
            Assert.Equal(["OncotypeDX", "SET_A", "SET_B", "SET_CLIN", "SET_NULL", "SET_PART"], table.GetStrings("genomic_feature"));
            Assert.Equal(["unknown", "planted", "planted", "clinical only", "null", "partial"], table.GetStrings("role"));
            Assert.Equal([1L, 2, 0, 1, 1, 1], table.GetInt64s("significant_pairs"));
            Assert.Equal("washout (indirect)", table.GetStrings("planted_targets")[2]);
            Assert.Equal(0.5, summary.Single(s => s.Metric == "recall").Value);
            Assert.Equal(1.0 / 3, summary.Single(s => s.Metric == "false_discovery_proportion").Value);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
