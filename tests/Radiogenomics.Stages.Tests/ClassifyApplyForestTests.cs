using System.Globalization;
using System.Text;
using Radiogenomics.Data;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// classify.apply scores random forests trained by classify.forest (no selection, PCA, ReliefF) from the <c>model</c>
/// table alone: on the training cohort it reproduces the stage's own whole-forest scores (<c>oob.score</c>), and on a second
/// cohort (a second fetch stage, other patients) it gives what <see cref="RandomForestModel.Score"/> gives directly, with
/// the training Youden cut-off. A missing feature column and another feature layout are errors naming the table and column.
/// </summary>
public sealed class ClassifyApplyForestTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-apply-forest-" + Guid.NewGuid().ToString("N")[..10]);

    public ClassifyApplyForestTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void WriteCohorts() => ApplyCohorts.Write(_root);

    private Task<(RunReport Report, ContentStore Store)> Run(string otherFeatures, string stages) => ApplyCohorts.Run(_root, "apply-forest", otherFeatures, stages);

    private static string PathOf(ContentStore store, RunReport report, string stage, string output) => ApplyCohorts.PathOf(store, report, stage, output);

    private static Dictionary<string, double> ByPatient(Table t, string column) => ApplyCohorts.ByPatient(t, column);

    [Fact]
    public async Task AppliedForestsReproduceTheirTrainingScoresAndScoreAnotherCohortAsTheModelDoes()
    {
        WriteCohorts();
        string[] forests = ["plain", "pca", "relieff"];
        var stages = new StringBuilder("""
              - id: plain
                uses: classify.forest
                needs: [cohort_a]
                params: {label: signal, ntree: 60}
              - id: pca
                uses: classify.forest
                needs: [cohort_a]
                params: {label: signal, ntree: 60, selection: pca, k: 4}
              - id: relieff
                uses: classify.forest
                needs: [cohort_a]
                params: {label: signal, ntree: 60, selection: relieff, k: 4}

            """);
        foreach (var f in forests)
            stages.Append(CultureInfo.InvariantCulture, $$"""
                  - id: {{f}}_on_a
                    uses: classify.apply
                    needs: [cohort_a, {{f}}]
                    inputs: {model: {{f}}.model}
                    params: {cohort: training}
                  - id: {{f}}_on_b
                    uses: classify.apply
                    needs: [cohort_b, {{f}}]
                    inputs: {model: {{f}}.model}
                    params: {cohort: external}

                """);
        var (report, store) = await Run("features_b.csv", stages.ToString());
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));

        var featuresB = FeatureMatrix.Read(PathOf(store, report, "cohort_b", "features"));
        foreach (var f in forests)
        {
            string modelPath = PathOf(store, report, f, "model");
            var model = ClassifierModel.Read(modelPath);
            Assert.Equal(RandomForestModel.Kind, model.Kind);
            Assert.Equal("mean image probability", model.Aggregation);
            Assert.InRange(model.YoudenCutoff, 0, 1);

            // The training cohort: the forest's own whole-forest scores, to 1e-12 (the same trees, the same rows).
            var own = ByPatient(ParquetFile.Read(PathOf(store, report, f, "oob")), "score");
            var onA = ParquetFile.Read(PathOf(store, report, $"{f}_on_a", "predictions"));
            Assert.Equal(70, onA.RowCount);
            foreach (var (patient, score) in ByPatient(onA, "score")) Assert.Equal(own[patient], score, 1e-12);
            Assert.All(onA.GetNullableDoubles("threshold"), t => Assert.Equal(model.YoudenCutoff, t!.Value));

            // The other cohort: the model's scores of its image rows, averaged per patient.
            var rows = RandomForestModel.Read(model, modelPath).Score(featuresB);
            var expected = featuresB.PatientIds.Zip(rows).GroupBy(x => x.First!).ToDictionary(g => g.Key, g => g.Average(x => x.Second));
            var onB = ParquetFile.Read(PathOf(store, report, $"{f}_on_b", "predictions"));
            Assert.Equal(30, onB.RowCount);
            Assert.All(onB.GetStrings("cohort"), c => Assert.Equal("external", c));
            var scores = ByPatient(onB, "score");
            foreach (var (patient, score) in expected) Assert.Equal(score, scores[patient], 1e-12);
            var predicted = onB.GetInt32s("predicted");
            var s = onB.GetDoubles("score");
            for (int i = 0; i < onB.RowCount; i++) Assert.Equal(s[i] > model.YoudenCutoff ? 1 : 0, predicted[i]);

            // The external cohort carries the signal the forest learnt (4 scaled components of 12 independent features need not).
            if (f == "pca") continue;
            var metrics = ParquetFile.Read(PathOf(store, report, $"{f}_on_b", "metrics"));
            double auc = metrics.GetStrings("metric").Zip(metrics.GetNullableDoubles("value")).First(x => x.First == "auc").Second!.Value;
            Assert.True(auc > 0.75, $"{f}: external AUC {auc}");
        }
    }

    [Theory]
    [InlineData("features_b_without_f0.csv", "feature column 'f0'", "is missing")]
    [InlineData("features_b_patient_means.csv", "layout", "trained on image rows")]
    public Task AnotherFeatureTableIsAClearError(string features, string names, string says) =>
        ApplyCohorts.AssertApplyRefuses(_root, "apply-forest", features, """
              - id: model
                uses: classify.forest
                needs: [cohort_a]
                params: {label: signal, ntree: 30}
            """, names, says);
}
