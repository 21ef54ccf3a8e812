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
/// classify.forest and classify.boosting through the engine on a simulated cohort (80 patients × 4 images, 20 features: a patient profile plus
/// image noise; 'signal' follows the patient mean of f0 and f1, 'chance' is a coin flip): the patient split finds the
/// signal and not the chance label, the image split inflates the chance label, PCA and ReliefF run inside the folds,
/// evaluate.classifiers reads the forest's predictions beside the lasso's, and the stored model scores a feature table.
/// </summary>
public sealed class ClassifyForestStageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-forest-" + Guid.NewGuid().ToString("N")[..10]);

    public ClassifyForestStageTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void WriteCohort()
    {
        var rng = new Random(31);
        const int patients = 80, images = 4, p = 20;
        var features = new StringBuilder("image_id,patient_id," + string.Join(",", Enumerable.Range(0, p).Select(j => $"f{j}")) + "\n");
        var clinical = new StringBuilder("patient_id\tsignal\tchance\tconstant\n");
        for (int i = 0; i < patients; i++)
        {
            var profile = Enumerable.Range(0, p).Select(_ => StageWorkspace.Normal(rng)).ToArray();
            int signal = profile[0] - profile[1] + 0.4 * StageWorkspace.Normal(rng) > 0 ? 1 : 0;
            int chance = rng.NextDouble() < 0.5 ? 1 : 0;
            clinical.Append(CultureInfo.InvariantCulture, $"P{i:00}\t{signal}\t{chance}\t1\n");
            for (int m = 0; m < images; m++)
                features.Append(CultureInfo.InvariantCulture, $"P{i:00}-{m},P{i:00},{string.Join(",", profile.Select(v => (v + 0.3 * StageWorkspace.Normal(rng)).ToString("R", CultureInfo.InvariantCulture)))}\n");
        }
        File.WriteAllText(Path.Combine(_root, "features.csv"), features.ToString());
        File.WriteAllText(Path.Combine(_root, "genes.tsv"), "patient_id\tG1\n" + string.Concat(Enumerable.Range(0, patients).Select(i => $"P{i:00}\t{i}\n")));
        File.WriteAllText(Path.Combine(_root, "clinical.tsv"), clinical.ToString());
    }

    private async Task<(RunReport Report, ContentStore Store)> Run(string stages)
    {
        var report = await StageWorkspace.RunUncheckedAsync(_root, """
            workflow: forest
            stages:
              - id: tables
                uses: fetch.tables
                inputs: {features: features.csv, genomics: genes.tsv, clinical: clinical.tsv}

            """ + stages, TestContext.Current.CancellationToken);
        return (report, new ContentStore(new Workspace(_root)));
    }

    private static string Output(ContentStore store, RunReport report, string stage, string output) =>
        store.PathOf(report[stage].Record!.Outputs[output].Sha256);

    private static Dictionary<string, double> Metrics(ContentStore store, RunReport report, string stage)
    {
        var t = ParquetFile.Read(Output(store, report, stage, "metrics"));
        return t.GetStrings("metric").Zip(t.GetNullableDoubles("value")).ToDictionary(x => x.First!, x => x.Second ?? double.NaN);
    }

    [Fact]
    public async Task HonestSplitFindsTheSignalAndNotTheChanceLabel_ImageSplitInflatesIt()
    {
        WriteCohort();
        var (report, store) = await Run("""
              - id: signal
                uses: classify.forest
                needs: [tables]
                params: {label: signal, ntree: 150}
              - id: chance
                uses: classify.forest
                needs: [tables]
                params: {label: chance, ntree: 150}
              - id: chance_leaky
                uses: classify.forest
                needs: [tables]
                params: {label: chance, ntree: 150, split: image}
              - id: signal_pca
                uses: classify.forest
                needs: [tables]
                params: {label: signal, ntree: 150, selection: pca, k: 0, variance: 0.8}
              - id: signal_relieff
                uses: classify.forest
                needs: [tables]
                params: {label: signal, ntree: 150, selection: relieff, k: 5}
              - id: signal_boosting
                uses: classify.boosting
                needs: [tables]
                params: {label: signal, rounds: 60}
              - id: chance_boosting
                uses: classify.boosting
                needs: [tables]
                params: {label: chance, rounds: 60, subsample: 0.8, column_sample: 0.5}
              - id: signal_lasso
                uses: classify.lasso
                needs: [tables]
                params: {label: signal}
              - id: evaluate
                uses: evaluate.classifiers
                needs: [signal, signal_lasso, chance, chance_leaky]
                inputs: {predictions: signal.predictions, predictions_2: signal_lasso.predictions, predictions_3: chance.predictions, predictions_4: chance_leaky.predictions}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var signal = Metrics(store, report, "signal");
        var chance = Metrics(store, report, "chance");
        var leaky = Metrics(store, report, "chance_leaky");
        Assert.True(signal["auc"] > 0.8, $"signal AUC {signal["auc"]}");
        Assert.True(chance["auc_ci_lower"] < 0.5 && chance["auc_ci_upper"] > 0.5, $"chance AUC {chance["auc"]} CI {chance["auc_ci_lower"]}–{chance["auc_ci_upper"]}");
        Assert.True(leaky["auc"] > chance["auc"] + 0.2, $"leaky AUC {leaky["auc"]} vs honest {chance["auc"]}");
        Assert.Equal(1, leaky["leaky"]);
        Assert.Equal(80, signal["patients"]);
        Assert.Equal(4, signal["mtry"]); // ⌊√20⌋
        Assert.True(Metrics(store, report, "signal_pca")["auc"] > 0.7, "PCA selection loses the signal");
        Assert.Equal(5, Metrics(store, report, "signal_relieff")["features_used"]);
        Assert.True(Metrics(store, report, "signal_relieff")["auc"] > 0.8, "ReliefF selection loses the signal");
        var boosted = Metrics(store, report, "signal_boosting");
        var boostedChance = Metrics(store, report, "chance_boosting");
        Assert.True(boosted["auc"] > 0.8, $"boosting signal AUC {boosted["auc"]}");
        Assert.True(boostedChance["auc_ci_lower"] < 0.5 && boostedChance["auc_ci_upper"] > 0.5, $"boosting chance AUC {boostedChance["auc"]}");
        var boostedImportance = ParquetFile.Read(Output(store, report, "signal_boosting", "importance"));
        Assert.Equal(["f0", "f1"], boostedImportance.GetStrings("feature").Zip(boostedImportance.GetInt32s("rank")).Where(x => x.Second <= 2).Select(x => x.First).Order().ToArray());

        // One prediction per patient (mean of its images' scores) in the classify contract; the leaky run per image.
        var pred = ParquetFile.Read(Output(store, report, "chance", "predictions"));
        Assert.Equal(80, pred.GetStrings("patient_id").Distinct().Count());
        Assert.Equal(80, pred.RowCount);
        Assert.Equal(320, ParquetFile.Read(Output(store, report, "chance_leaky", "predictions")).RowCount);
        var auc = ParquetFile.Read(Output(store, report, "evaluate", "auc"));
        Assert.Equal(["signal", "signal_lasso", "chance", "chance_leaky"], auc.GetStrings("model"));
        Assert.Equal(signal["auc"], auc.GetDoubles("auc")[0], 12);
        var comparisons = ParquetFile.Read(Output(store, report, "evaluate", "comparisons"));
        Assert.Equal(["signal"], comparisons.GetStrings("model_a"));
        Assert.Equal(["signal_lasso"], comparisons.GetStrings("model_b"));

        // Importance: f0 and f1 carry the label. ReliefF keeps them too.
        var importance = ParquetFile.Read(Output(store, report, "signal", "importance"));
        var top = importance.GetStrings("feature").Zip(importance.GetInt32s("rank")).Where(x => x.Second <= 2).Select(x => x.First).Order().ToArray();
        Assert.Equal(["f0", "f1"], top);
        var kept = ParquetFile.Read(Output(store, report, "signal_relieff", "model_selection")).GetStrings("input");
        Assert.Contains("f0", kept);
        Assert.Contains("f1", kept);

        // The stored model scores a feature table by name: in-sample it ranks the signal label almost perfectly, and the
        // PCA model reads all 20 inputs back.
        var features = FeatureMatrix.Read(Output(store, report, "tables", "features"));
        var labels = ParquetFile.Read(Output(store, report, "signal", "oob"));
        var byPatient = labels.GetStrings("patient_id").Zip(labels.GetInt32s("label")).ToDictionary(x => x.First!, x => (double)x.Second);
        foreach (var stage in new[] { "signal", "signal_pca", "signal_relieff" })
        {
            var model = RandomForestModel.Read(ClassifierModel.Read(Output(store, report, stage, "model")), Output(store, report, stage, "model"));
            var scores = model.Score(features);
            Assert.Equal(320, scores.Length);
            var inSample = Roc.DeLong(scores, features.PatientIds.Select(p => byPatient[p!]).ToArray()).Auc;
            Assert.True(inSample > 0.95, $"{stage}: in-sample AUC of the stored model {inSample}");
        }
        var pcaModel = RandomForestModel.Read(ClassifierModel.Read(Output(store, report, "signal_pca", "model")), Output(store, report, "signal_pca", "model"));
        Assert.Equal(20, pcaModel.InputFeatures.Count);
        Assert.Equal(150, pcaModel.Forest.Trees.Count);
        var fewer = new FeatureMatrix(features.ImageIds, features.PatientIds, features.FeatureNames.Skip(1).ToArray(), features.Columns.Skip(1).ToArray());
        Assert.Contains("feature column 'f0'", Assert.Throws<DataProblemException>(() => pcaModel.Score(fewer)).Message);
    }

    [Theory]
    [InlineData("{label: constant}", "one class")]
    [InlineData("{label: signal, folds: 81}", "fewer than the 81 folds")]
    [InlineData("{label: signal, selection: relieff, k: 0}", "k is 0")]
    public async Task BadInputIsAClearError(string parameters, string message)
    {
        WriteCohort();
        var (report, _) = await Run($"""
              - id: model
                uses: classify.forest
                needs: [tables]
                params: {parameters}
            """);
        Assert.False(report.Succeeded);
        Assert.Contains(message, report["model"].Error ?? "", StringComparison.Ordinal);
    }
}
