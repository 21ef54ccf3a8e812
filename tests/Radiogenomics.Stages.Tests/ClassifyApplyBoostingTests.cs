using System.Globalization;
using System.Text;
using Radiogenomics.Data;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// classify.apply scores gradient-boosted trees trained by classify.boosting (deterministic, with row and feature
/// sampling, on image rows and on patient means) from the <c>model</c> table alone: on the training cohort it reproduces
/// the stage's own scores of its model on all patients (<c>fitted.score</c>), and on a second cohort it gives what the
/// in-library model fitted on the same rows gives, with the training Youden cut-off. A missing feature column and
/// another feature layout are errors naming the table and column.
/// </summary>
public sealed class ClassifyApplyBoostingTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-apply-boosting-" + Guid.NewGuid().ToString("N")[..10]);

    public ClassifyApplyBoostingTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private Task<(RunReport Report, ContentStore Store)> Run(string otherFeatures, string stages) => ApplyCohorts.Run(_root, "apply-boosting", otherFeatures, stages);

    private static string PathOf(ContentStore store, RunReport report, string stage, string output) => ApplyCohorts.PathOf(store, report, stage, output);

    [Fact]
    public async Task AppliedBoostingReproducesItsTrainingScoresAndScoresAnotherCohortAsTheModelDoes()
    {
        ApplyCohorts.Write(_root);
        var models = new (string Id, string Params, GradientBoostingOptions Options)[]
        {
            ("plain", "{label: signal, rounds: 40}", new GradientBoostingOptions { Rounds = 40 }),
            ("sampled", "{label: signal, rounds: 30, depth: 2, eta: 0.2, subsample: 0.7, column_sample: 0.5, seed: 11}",
                new GradientBoostingOptions { Rounds = 30, MaxDepth = 2, LearningRate = 0.2, Subsample = 0.7, ColumnSample = 0.5, Seed = 11 }),
        };
        var stages = new StringBuilder();
        foreach (var m in models)
            stages.Append(CultureInfo.InvariantCulture, $$"""
                  - id: {{m.Id}}
                    uses: classify.boosting
                    needs: [cohort_a]
                    params: {{m.Params}}
                  - id: {{m.Id}}_on_a
                    uses: classify.apply
                    needs: [cohort_a, {{m.Id}}]
                    inputs: {model: {{m.Id}}.model}
                    params: {cohort: training}
                  - id: {{m.Id}}_on_b
                    uses: classify.apply
                    needs: [cohort_b, {{m.Id}}]
                    inputs: {model: {{m.Id}}.model}
                    params: {cohort: external}

                """);
        var (report, store) = await Run("features_b.csv", stages.ToString());
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));

        var featuresA = FeatureMatrix.Read(PathOf(store, report, "cohort_a", "features"));
        var featuresB = FeatureMatrix.Read(PathOf(store, report, "cohort_b", "features"));
        foreach (var m in models)
        {
            string modelPath = PathOf(store, report, m.Id, "model");
            var model = ClassifierModel.Read(modelPath);
            Assert.Equal(GradientBoostingModel.Kind, model.Kind);
            Assert.Equal("mean image probability", model.Aggregation);
            Assert.Equal(featuresA.FeatureNames, model.Features);

            // The training cohort: the stage's own scores of its model on all patients, to 1e-12.
            var fitted = ParquetFile.Read(PathOf(store, report, m.Id, "fitted"));
            var own = ApplyCohorts.ByPatient(fitted, "score");
            var onA = ParquetFile.Read(PathOf(store, report, $"{m.Id}_on_a", "predictions"));
            Assert.Equal(70, onA.RowCount);
            foreach (var (patient, score) in ApplyCohorts.ByPatient(onA, "score")) Assert.Equal(own[patient], score, 1e-12);
            Assert.All(onA.GetNullableDoubles("threshold"), t => Assert.Equal(model.YoudenCutoff, t!.Value));

            // The Youden cut-off is the training patients' fitted scores' own.
            var youden = Roc.Youden(fitted.GetDoubles("score"), fitted.GetInt32s("label").Select(l => (double)l).ToArray());
            Assert.Equal(youden.Threshold, model.YoudenCutoff);

            // The other cohort: the in-library model fitted on cohort A's image rows, its scores of B's rows averaged per patient.
            var labelOf = fitted.GetStrings("patient_id").Zip(fitted.GetInt32s("label")).ToDictionary(x => x.First!, x => (double)x.Second);
            var library = GradientBoostingClassifier.Fit(featuresA.Columns, featuresA.PatientIds.Select(p => labelOf[p!]).ToArray(), m.Options);
            var rows = library.Score(featuresB.Columns);
            var expected = featuresB.PatientIds.Zip(rows).GroupBy(x => x.First!).ToDictionary(g => g.Key, g => g.Average(x => x.Second));
            var onB = ParquetFile.Read(PathOf(store, report, $"{m.Id}_on_b", "predictions"));
            Assert.Equal(30, onB.RowCount);
            Assert.All(onB.GetStrings("cohort"), c => Assert.Equal("external", c));
            var scores = ApplyCohorts.ByPatient(onB, "score");
            foreach (var (patient, score) in expected) Assert.Equal(score, scores[patient], 1e-12);
            var predicted = onB.GetInt32s("predicted");
            var s = onB.GetDoubles("score");
            for (int i = 0; i < onB.RowCount; i++) Assert.Equal(s[i] > model.YoudenCutoff ? 1 : 0, predicted[i]);

            // The external cohort carries the signal the trees learnt.
            var metrics = ParquetFile.Read(PathOf(store, report, $"{m.Id}_on_b", "metrics"));
            double auc = metrics.GetStrings("metric").Zip(metrics.GetNullableDoubles("value")).First(x => x.First == "auc").Second!.Value;
            Assert.True(auc > 0.75, $"{m.Id}: external AUC {auc}");
        }
    }

    [Fact]
    public async Task APatientLevelModelScoresPatientRows()
    {
        ApplyCohorts.Write(_root);
        var report = await StageWorkspace.RunUncheckedAsync(_root, """
            workflow: apply-boosting-patients
            stages:
              - id: cohort_a
                uses: fetch.tables
                inputs: {features: features_a_patient_means.csv, genomics: genes_a.tsv, clinical: clinical_a.tsv}
              - id: cohort_b
                uses: fetch.tables
                inputs: {features: features_b_patient_means.csv, genomics: genes_b.tsv, clinical: clinical_b.tsv}
              - id: boost
                uses: classify.boosting
                needs: [cohort_a]
                params: {label: signal, rounds: 25}
              - id: on_a
                uses: classify.apply
                needs: [cohort_a, boost]
                inputs: {model: boost.model}
              - id: on_b
                uses: classify.apply
                needs: [cohort_b, boost]
                inputs: {model: boost.model}
            """, TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var store = new ContentStore(new Workspace(_root));
        var model = ClassifierModel.Read(PathOf(store, report, "boost", "model"));
        var own = ApplyCohorts.ByPatient(ParquetFile.Read(PathOf(store, report, "boost", "fitted")), "score");
        var onA = ApplyCohorts.ByPatient(ParquetFile.Read(PathOf(store, report, "on_a", "predictions")), "score");
        Assert.Equal(70, onA.Count);
        foreach (var (patient, score) in onA) Assert.Equal(own[patient], score, 1e-12);
        var featuresB = FeatureMatrix.Read(PathOf(store, report, "cohort_b", "features"));
        var direct = GradientBoostingModel.Read(model, PathOf(store, report, "boost", "model")).Score(featuresB);
        var onB = ApplyCohorts.ByPatient(ParquetFile.Read(PathOf(store, report, "on_b", "predictions")), "score");
        for (int i = 0; i < featuresB.ImageCount; i++) Assert.Equal(direct[i], onB[featuresB.PatientIds[i]!], 1e-12);
    }

    [Theory]
    [InlineData("features_b_without_f0.csv", "feature column 'f0'", "is missing")]
    [InlineData("features_b_patient_means.csv", "layout", "trained on image rows")]
    public Task AnotherFeatureTableIsAClearError(string features, string names, string says) =>
        ApplyCohorts.AssertApplyRefuses(_root, "apply-boosting", features, """
              - id: model
                uses: classify.boosting
                needs: [cohort_a]
                params: {label: signal, rounds: 20}
            """, names, says);
}
