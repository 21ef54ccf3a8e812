using Radiogenomics.Statistics;
using Xunit;

namespace Radiogenomics.Data.Tests;

/// <summary>
/// A forest and its selection written as one model table (beside the classifier header) and read back score every row
/// exactly as the fitted objects do (none, PCA and ReliefF), find the features by name in any column order, and name a
/// missing feature column, a missing value and a table that is not a forest model.
/// </summary>
public sealed class RandomForestModelTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rg-forest-model-" + Guid.NewGuid().ToString("N")[..10]);

    public RandomForestModelTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData(FeatureSelectionKind.None)]
    [InlineData(FeatureSelectionKind.Pca)]
    [InlineData(FeatureSelectionKind.ReliefF)]
    public void WrittenModelScoresAsTheFittedOne(FeatureSelectionKind kind)
    {
        var rng = new Random(3);
        const int n = 60, p = 8;
        var columns = Enumerable.Range(0, p).Select(_ => Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 10 - 5).ToArray()).ToArray();
        var y = Enumerable.Range(0, n).Select(i => columns[0][i] + columns[3][i] + rng.NextDouble() * 2 > 0 ? 1.0 : 0.0).ToArray();
        var names = Enumerable.Range(0, p).Select(j => $"feature_{j}").ToArray();
        var selection = FeatureSelection.Fit(kind, columns, y, 4);
        var fit = RandomForestClassifier.Fit(selection.Apply(columns), y, new RandomForestOptions { Trees = 40, Seed = 9 });
        var expected = fit.Forest.Score(selection.Apply(columns));

        var model = new RandomForestModel(fit.Forest, selection, names);
        string path = Path.Combine(_dir, "model.parquet");
        var header = new ClassifierModel(RandomForestModel.Kind, "forest", new LabelRule("y", null, null, 0.75), 1.25, 0.375, "patient", [], names);
        model.Write(header, path);
        var classifier = ClassifierModel.Read(path);
        Assert.Equal((RandomForestModel.Kind, "forest", 0.375, 1.25, 0.75), (classifier.Kind, classifier.TrainedBy, classifier.YoudenCutoff, classifier.LabelCutoff, classifier.Rule.Quantile));
        Assert.Equal(names, classifier.Features);
        var read = RandomForestModel.Read(classifier, path);
        // the new cohort's table lists the features in reverse order: they are found by name
        var ids = Enumerable.Range(0, n).Select(i => (string?)$"P{i}").ToArray();
        var table = new FeatureMatrix(ids, ids, names.Reverse().ToArray(), columns.Reverse().ToArray());
        Assert.Equal(expected, read.Score(table));
        Assert.Equal(model.ForestFeatures, read.ForestFeatures);

        var fewer = new FeatureMatrix(ids, ids, names[1..], columns[1..]);
        if (kind != FeatureSelectionKind.ReliefF || selection.Kept.Contains(0))
            Assert.Contains("feature column 'feature_0'", Assert.Throws<DataProblemException>(() => read.Score(fewer)).Message);

        // a missing value in a feature the forest reads is named, not sent down the right branch
        int used = kind == FeatureSelectionKind.Pca ? 0 : selection.Kept[0];
        var holed = columns.Select(c => (double[])c.Clone()).ToArray();
        holed[used][7] = double.NaN;
        var error = Assert.Throws<DataProblemException>(() => read.Score(new FeatureMatrix(ids, ids, names, holed))).Message;
        Assert.Contains($"feature '{names[used]}'", error);
        Assert.Contains("'P7'", error);
    }

    [Fact]
    public void ATableThatIsNotAForestModelIsNamed()
    {
        var names = new[] { "a", "b" };
        string path = Path.Combine(_dir, "lasso.parquet");
        new ClassifierModel(ClassifierModel.LogisticKind, "lasso", new LabelRule("y", null, null, null), double.NaN, 0.5, "patient",
            [new ModelTerm("(Intercept)", ModelTerm.Intercept, null, null, 0.1)], names).Write(path);
        var error = Assert.Throws<DataProblemException>(() => RandomForestModel.Read(ClassifierModel.Read(path), path));
        Assert.Contains("random_forest", error.Message);
        Assert.Contains(path, error.Message);
    }
}
