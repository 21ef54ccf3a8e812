using Radiogenomics.Statistics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Data.Tests;

/// <summary>
/// Boosted trees written as one model table (beside the classifier header) and read back score every row exactly as the
/// fitted model does, find the features by name in any column order, and name a missing feature column, a missing value,
/// a damaged node row and a table that is not a boosting model.
/// </summary>
public sealed class GradientBoostingModelTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rg-boosting-model-" + Guid.NewGuid().ToString("N")[..10]);

    public GradientBoostingModelTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static (double[][] Columns, double[] Y, string[] Names) Data(int seed, int n = 60, int p = 8)
    {
        var rng = new Random(seed);
        var columns = Enumerable.Range(0, p).Select(_ => Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 10 - 5).ToArray()).ToArray();
        var y = Enumerable.Range(0, n).Select(i => columns[0][i] - columns[3][i] + rng.NextDouble() * 4 - 2 > 0 ? 1.0 : 0.0).ToArray();
        return (columns, y, Enumerable.Range(0, p).Select(j => $"feature_{j}").ToArray());
    }

    private string Write(GradientBoostedTrees fit, string[] names)
    {
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N")[..8] + ".parquet");
        var header = new ClassifierModel(GradientBoostingModel.Kind, "boost", new LabelRule("y", LabelLevels.Of("yes"), null, null), double.NaN, 0.4375, "patient", [], names);
        new GradientBoostingModel(fit, names).Write(header, path);
        return path;
    }

    [Theory]
    [InlineData(1, 3, 1.0, 1.0)]
    [InlineData(1, 1, 1.0, 1.0)]
    [InlineData(7, 2, 0.6, 0.5)]
    public void WrittenModelScoresAsTheFittedOne(int seed, int depth, double subsample, double columnSample)
    {
        var (columns, y, names) = Data(seed);
        var fit = GradientBoostingClassifier.Fit(columns, y, new GradientBoostingOptions { Rounds = 30, MaxDepth = depth, Subsample = subsample, ColumnSample = columnSample, Seed = seed, LearningRate = 0.3 });
        var (other, _, _) = Data(seed + 100, n: 25);
        string path = Write(fit, names);

        var classifier = ClassifierModel.Read(path);
        Assert.Equal((GradientBoostingModel.Kind, "boost", 0.4375, LabelLevels.Of("yes")), (classifier.Kind, classifier.TrainedBy, classifier.YoudenCutoff, classifier.Rule.Levels));
        Assert.Equal(names, classifier.Features);
        var read = GradientBoostingModel.Read(classifier, path);
        Assert.Equal(fit.InitialLogOdds, read.Boosted.InitialLogOdds);
        Assert.Equal(fit.LearningRate, read.Boosted.LearningRate);
        Assert.Equal(fit.Trees.Count, read.Boosted.Trees.Count);
        // the other cohort's table lists the features in reverse order: they are found by name
        var ids = Enumerable.Range(0, 25).Select(i => (string?)$"Q{i}").ToArray();
        var table = new FeatureMatrix(ids, ids, names.Reverse().ToArray(), other.Reverse().ToArray());
        var expected = fit.Score(other);
        var scores = read.Score(table);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], scores[i], 1e-15);
    }

    [Fact]
    public void AMissingColumnOrValueIsNamed()
    {
        var (columns, y, names) = Data(2);
        var fit = GradientBoostingClassifier.Fit(columns, y, new GradientBoostingOptions { Rounds = 10 });
        string path = Write(fit, names);
        var read = GradientBoostingModel.Read(ClassifierModel.Read(path), path);
        var ids = Enumerable.Range(0, 60).Select(i => (string?)$"P{i}").ToArray();
        int used = fit.Trees[0].Feature[0];
        var without = Enumerable.Range(0, names.Length).Where(j => j != used).ToArray();
        var fewer = new FeatureMatrix(ids, ids, without.Select(j => names[j]).ToArray(), without.Select(j => columns[j]).ToArray());
        var missing = Assert.Throws<DataProblemException>(() => read.Score(fewer, "features table")).Message;
        Assert.Contains($"feature column '{names[used]}'", missing);
        Assert.Contains("features table", missing);

        // a missing value in a feature a tree splits on is named, not sent down the right branch
        var holed = columns.Select(c => (double[])c.Clone()).ToArray();
        holed[used][7] = double.NaN;
        var error = Assert.Throws<DataProblemException>(() => read.Score(new FeatureMatrix(ids, ids, names, holed), "features table")).Message;
        Assert.Contains($"feature '{names[used]}'", error);
        Assert.Contains("'P7'", error);
        Assert.Contains("impute", error);
    }

    [Fact]
    public void ADamagedOrForeignTableIsNamed()
    {
        var (columns, y, names) = Data(4);
        var fit = GradientBoostingClassifier.Fit(columns, y, new GradientBoostingOptions { Rounds = 5 });
        string path = Write(fit, names);

        // a leaf without its value
        var t = ParquetFile.Read(path);
        var value = t.GetNullableDoubles("value");
        var section = t.GetStrings("section");
        var feature = t.GetNullableInt32s("feature_index");
        int leaf = Enumerable.Range(0, t.RowCount).First(r => section[r] == "node" && feature[r] == -1);
        value[leaf] = null;
        string damaged = Path.Combine(_dir, "damaged.parquet");
        var copy = new Table();
        foreach (var c in t.ColumnNames) copy.Add(c == "value" ? Column.Create("value", value) : t[c]);
        ParquetFile.Write(copy, damaged);
        var error = Assert.Throws<DataProblemException>(() => GradientBoostingModel.Read(ClassifierModel.Read(damaged), damaged)).Message;
        Assert.Contains($"row {leaf + 1}", error);
        Assert.Contains("leaf without a finite value", error);
        Assert.Contains("classify.boosting", error);

        // a lasso's model is not a boosting model
        string lasso = Path.Combine(_dir, "lasso.parquet");
        new ClassifierModel(ClassifierModel.LogisticKind, "lasso", new LabelRule("y", null, null, null), double.NaN, 0.5, "patient",
            [new ModelTerm("(Intercept)", ModelTerm.Intercept, null, null, 0.1)], names).Write(lasso);
        var foreign = Assert.Throws<DataProblemException>(() => GradientBoostingModel.Read(ClassifierModel.Read(lasso), lasso));
        Assert.Contains("gradient_boosting", foreign.Message);
        Assert.Contains(lasso, foreign.Message);
    }
}
