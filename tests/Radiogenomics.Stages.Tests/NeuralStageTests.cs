using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// The libtorch MLP stages through the engine from fetch.tables: survive.deepsurv and classify.mlp learn a planted
/// signal from held-out patients, write their contracts exactly, repeat bit for bit, and name bad input.
/// </summary>
public sealed class NeuralStageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-neural-" + Guid.NewGuid().ToString("N")[..10]);

    public NeuralStageTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    // 100 patients, 2 images each; 'planted' drives the hazard and the label, four noise features; ~30 % censored.
    private double[] WriteCohort(int patients = 100, string? root = null)
    {
        root ??= _root;
        Directory.CreateDirectory(root);
        var random = new Random(17);
        var features = new StringBuilder("image_id,patient_id,planted,noise1,noise2,noise3,noise4\n");
        var survival = new StringBuilder("patient_id\tOS.time\tOS\tage\n");
        var clinical = new StringBuilder("patient_id\tresponse\tfold\n");
        var truth = new double[patients];
        for (int p = 0; p < patients; p++)
        {
            double planted = truth[p] = StageWorkspace.Normal(random);
            double hazard = 0.001 * Math.Exp(1.2 * planted);
            double eventTime = -Math.Log(1 - random.NextDouble()) / hazard, censor = 300 + 3000 * random.NextDouble();
            int died = eventTime <= censor ? 1 : 0;
            survival.Append(CultureInfo.InvariantCulture, $"P{p:000}\t{Math.Ceiling(Math.Min(eventTime, censor))}\t{died}\t{Math.Round(55 + 10 * StageWorkspace.Normal(random))}\n");
            string response = planted + 0.6 * StageWorkspace.Normal(random) > 0 ? "yes" : "no";
            clinical.Append(CultureInfo.InvariantCulture, $"P{p:000}\t{response}\t{p % 4 + 1}\n");
            for (int i = 0; i < 2; i++)
                features.Append(CultureInfo.InvariantCulture,
                    $"P{p:000}-{i},P{p:000},{planted + 0.2 * StageWorkspace.Normal(random):R},{StageWorkspace.Normal(random):R},{StageWorkspace.Normal(random):R},{StageWorkspace.Normal(random):R},{StageWorkspace.Normal(random):R}\n");
        }
        File.WriteAllText(Path.Combine(root, "features.csv"), features.ToString());
        File.WriteAllText(Path.Combine(root, "survival.tsv"), survival.ToString());
        File.WriteAllText(Path.Combine(root, "clinical.tsv"), clinical.ToString());
        File.WriteAllText(Path.Combine(root, "genes.tsv"), "patient_id\tG1\n" + string.Concat(Enumerable.Range(0, patients).Select(p => string.Create(CultureInfo.InvariantCulture, $"P{p:000}\t{StageWorkspace.Normal(random):R}\n"))));
        return truth;
    }

    private async Task<(RunReport Report, ContentStore Store)> Run(string stages, string? root = null)
    {
        root ??= _root;
        var report = await StageWorkspace.RunUncheckedAsync(root, """
            workflow: neural
            stages:
              - id: tables
                uses: fetch.tables
                inputs: {features: features.csv, genomics: genes.tsv, survival: survival.tsv, clinical: clinical.tsv}

            """ + stages, TestContext.Current.CancellationToken);
        return (report, new ContentStore(new Workspace(root)));
    }

    private static Table Output(RunReport report, ContentStore store, string stage, string output) =>
        ParquetFile.Read(store.PathOf(report[stage].Record!.Outputs[output].Sha256));

    [Fact]
    public async Task DeepSurvRanksHeldOutPatientsByThePlantedHazard()
    {
        var truth = WriteCohort();
        const string stage = """
              - id: deepsurv
                uses: survive.deepsurv
                needs: [tables]
                params: {hidden: [8], epochs: 60, patience: 10, learning_rate: 0.01, batch_size: 16, folds: 4, seed: 5, threads: 1}

            """;
        var (report, store) = await Run(stage);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var predictions = Output(report, store, "deepsurv", "predictions");
        Assert.Equal(["patient_id", "fold", "risk", "time", "event"], predictions.ColumnNames);
        Assert.Equal(100, predictions.RowCount);
        Assert.Equal([1, 2, 3, 4], predictions.GetInt32s("fold").Distinct().Order());
        var time = predictions.GetDoubles("time");
        var events = predictions.GetInt32s("event");
        var risk = predictions.GetDoubles("risk");
        double c = HarrellConcordance.Compute(new SurvivalSample(time, events), risk).Concordance;
        // The planted log-hazard itself is the ceiling; the held-out network should come near it and well above chance.
        var planted = predictions.GetStrings("patient_id").Select(id => truth[int.Parse(id![1..], CultureInfo.InvariantCulture)]).ToArray();
        double oracle = HarrellConcordance.Compute(new SurvivalSample(time, events), planted).Concordance;
        Assert.True(c > 0.6 && c > oracle - 0.1, $"held-out C {c}, planted log-hazard {oracle}");
        var metrics = Output(report, store, "deepsurv", "metrics");
        Assert.Equal(c, metrics.GetNullableDoubles("value")[0]!.Value, 12);
        var training = Output(report, store, "deepsurv", "training");
        Assert.Equal(["fold", "epoch", "train_loss", "val_loss", "kept"], training.ColumnNames);
        Assert.Equal(4, training.GetBools("kept").Count(k => k));

        // Same seed and threads, fresh workspace: the same bits.
        var first = risk;
        string other = Path.Combine(_root, "again");
        WriteCohort(root: other);
        var (again, againStore) = await Run(stage, other);
        Assert.Equal(first, Output(again, againStore, "deepsurv", "predictions").GetDoubles("risk"));
    }

    [Fact]
    public async Task DeepSurvNamesTooFewEvents()
    {
        WriteCohort(patients: 12);
        var (report, _) = await Run("""
              - id: deepsurv
                uses: survive.deepsurv
                needs: [tables]
                params: {folds: 12, epochs: 2}

            """);
        Assert.False(report.Succeeded);
        Assert.Contains("events", report["deepsurv"].Error);
    }

    [Fact]
    public async Task MlpClassifierPredictsHeldOutPatientsLabels()
    {
        WriteCohort();
        var (report, store) = await Run("""
              - id: mlp
                uses: classify.mlp
                needs: [tables]
                params: {label: response, positive: "yes", fold_column: fold, hidden: [8], epochs: 80, patience: 15, learning_rate: 0.01, batch_size: 16, seed: 3, threads: 1, permutations: 3}

            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var predictions = Output(report, store, "mlp", "predictions");
        CheckYoudenCutoffsOfTrainingFolds(report, store, predictions);
        foreach (var column in new[] { "patient_id", "fold", "label", "score" }) Assert.Contains(column, predictions.ColumnNames);
        Assert.Equal(100, predictions.RowCount);
        // The fold column is honoured: patient p sits in fold p % 4 + 1.
        Assert.All(predictions.GetStrings("patient_id").Zip(predictions.GetInt32s("fold")),
            x => Assert.Equal(int.Parse(x.First![1..], CultureInfo.InvariantCulture) % 4 + 1, x.Second));
        var score = predictions.GetDoubles("score");
        Assert.All(score, v => Assert.InRange(v, 0, 1));
        var auc = Roc.DeLong(score, predictions.GetInt32s("label").Select(v => (double)v).ToArray());
        Assert.True(auc.Auc > 0.75 && auc.CiLower > 0.5, $"held-out AUC {auc.Auc} ({auc.CiLower}–{auc.CiUpper})");
        Assert.Equal(auc.Auc, Output(report, store, "mlp", "metrics").GetNullableDoubles("value")[0]!.Value, 12);

        // The label-permutation control: the real AUC as permutation 0, then 3 shuffles, none reaching it (p at its floor 1/4).
        var permutation = Output(report, store, "mlp", "permutation");
        Assert.Equal([0, 1, 2, 3], permutation.GetInt32s("permutation"));
        var aucs = permutation.GetDoubles("auc");
        Assert.Equal(auc.Auc, aucs[0], 12);
        Assert.All(aucs.Skip(1), a => Assert.True(a < auc.Auc - 0.1, $"a shuffled label's AUC {a} near the real {auc.Auc}"));
        Assert.Equal(0.25, ((System.Text.Json.JsonElement)report["mlp"].Record!.Facts["permutation_p"]!).GetDouble(), 12);
    }

    /// <summary>
    /// Each outer fold's cut-off is the Youden cut-off of that fold's network's scores of its training patients: the same
    /// cross-validation rerun here (same seed, one thread: the same bits) gives the thresholds the stage wrote, and the
    /// predicted class and accuracy follow from them.
    /// </summary>
    private static void CheckYoudenCutoffsOfTrainingFolds(RunReport report, ContentStore store, Table predictions)
    {
        var features = Data.FeatureMatrix.Read(store.PathOf(report["tables"].Record!.Outputs["features"].Sha256));
        var patients = predictions.GetStrings("patient_id").Select(p => p!).ToArray();
        var index = patients.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        var inputs = patients.Select(_ => new double[features.FeatureCount]).ToArray();
        var rows = new int[patients.Length];
        for (int i = 0; i < features.ImageCount; i++)
        {
            int p = index[features.PatientIds[i]!];
            rows[p]++;
            for (int j = 0; j < features.FeatureCount; j++) inputs[p][j] += features.Columns[j][i];
        }
        for (int p = 0; p < patients.Length; p++) for (int j = 0; j < features.FeatureCount; j++) inputs[p][j] /= rows[p];
        var label = predictions.GetInt32s("label").Select(v => (double)v).ToArray();
        var folds = predictions.GetInt32s("fold");
        var config = new Learning.MlpConfig { InputSize = features.FeatureCount, Hidden = [8], OutputSize = 1, Dropout = 0.2 };
        var training = new Learning.MlpTrainingOptions { Loss = Learning.MlpLoss.BinaryCrossEntropy, LearningRate = 0.01, WeightDecay = 1e-4, BatchSize = 16 };
        int threads = Learning.TorchRuntime.ThreadCount;
        MlpCrossValidation.Result result;
        try
        {
            Learning.TorchRuntime.ThreadCount = 1;
            result = MlpCrossValidation.Run(patients, inputs, (_, _) => label.Select(v => new[] { v }).ToArray(), folds, config, training, 80, 15, 0.2, 3,
                Learning.TorchDevice.Cpu, null, CancellationToken.None);
        }
        finally { Learning.TorchRuntime.ThreadCount = threads; }
        var threshold = predictions.GetDoubles("threshold");
        var score = predictions.GetDoubles("score");
        for (int fold = 1; fold <= 4; fold++)
        {
            var train = Enumerable.Range(0, patients.Length).Where(p => folds[p] != fold).ToArray();
            var cut = Roc.Youden(train.Select(p => 1 / (1 + Math.Exp(-result.TrainingOutputs[fold - 1][p]![0]))).ToArray(), train.Select(p => label[p]).ToArray());
            foreach (int p in Enumerable.Range(0, patients.Length).Where(p => folds[p] == fold)) Assert.Equal(cut.Threshold, threshold[p]);
        }
        Assert.Equal(score.Zip(threshold, (s, t) => s > t ? 1 : 0).ToArray(), predictions.GetInt32s("predicted"));
        var metrics = Output(report, store, "mlp", "metrics");
        double accuracy = metrics.GetStrings("metric").Zip(metrics.GetNullableDoubles("value")).First(m => m.First == "accuracy").Second!.Value;
        Assert.Equal(score.Zip(threshold).Zip(label).Average(x => (x.First.First > x.First.Second ? 1.0 : 0.0) == x.Second ? 1.0 : 0.0), accuracy, 12);
    }

    [Fact]
    public async Task MlpClassifierNamesAOneClassLabel()
    {
        WriteCohort();
        var (report, _) = await Run("""
              - id: mlp
                uses: classify.mlp
                needs: [tables]
                params: {label: response, positive: "maybe", epochs: 2}

            """);
        Assert.False(report.Succeeded);
        Assert.Contains("response", report["mlp"].Error);
    }

    // 90 patients with expression (30 genes from two programmes), 70 of them with images whose two morphology features
    // are non-negative functions of the programmes; the other 20 have expression only (the autoencoder still sees them).
    private void WriteExpressionCohort()
    {
        var random = new Random(23);
        var genes = new StringBuilder("patient_id" + string.Concat(Enumerable.Range(1, 30).Select(g => $"\tG{g:00}")) + "\n");
        var features = new StringBuilder("image_id,patient_id,volume,sphericity\n");
        var loadings = Enumerable.Range(0, 30).Select(_ => (StageWorkspace.Normal(random), StageWorkspace.Normal(random))).ToArray();
        for (int p = 0; p < 90; p++)
        {
            double a = StageWorkspace.Normal(random), b = StageWorkspace.Normal(random);
            genes.Append(CultureInfo.InvariantCulture, $"P{p:000}");
            foreach (var (la, lb) in loadings) genes.Append(CultureInfo.InvariantCulture, $"\t{5 + la * a + lb * b + 0.5 * StageWorkspace.Normal(random):R}");
            genes.Append('\n');
            if (p >= 70) continue;
            double volume = Math.Exp(0.6 * a + 0.1 * StageWorkspace.Normal(random)), sphericity = 0.5 + 0.1 * b + 0.02 * StageWorkspace.Normal(random);
            features.Append(CultureInfo.InvariantCulture, $"P{p:000},P{p:000},{volume:R},{sphericity:R}\n");
        }
        File.WriteAllText(Path.Combine(_root, "genes.tsv"), genes.ToString());
        File.WriteAllText(Path.Combine(_root, "features.csv"), features.ToString());
    }

    [Fact]
    public async Task EncoderInitialisedNetworkPredictsMorphologyFromExpression()
    {
        WriteExpressionCohort();
        var report = await StageWorkspace.RunUncheckedAsync(_root, """
            workflow: morphology
            stages:
              - id: tables
                uses: fetch.tables
                inputs: {features: features.csv, genomics: genes.tsv}
              - id: autoencoder
                uses: learn.expression_autoencoder
                needs: [tables]
                params: {hidden: [16, 8], learning_rate: [0.01, 0.05], momentum: [0.9], decay: [0.001], epochs: 40, patience: 8, seed: 4}
              - id: net
                uses: predict.morphology
                needs: [tables, autoencoder]
                params: {folds: 5, nonnegative: true, epochs: 80, patience: 10, learning_rate: 0.005, seed: 4}
            """, TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var store = new ContentStore(new Workspace(_root));
        var grid = Output(report, store, "autoencoder", "grid");
        Assert.Equal(2, grid.RowCount);
        Assert.Single(grid.GetBools("chosen"), c => c);
        var encoder = Radiogenomics.Data.EncoderWeightsTable.Read(store.PathOf(report["autoencoder"].Record!.Outputs["encoder"].Sha256));
        Assert.Equal([("layers.0.weight", 16, 30), ("layers.0.bias", 16, 1), ("layers.1.weight", 8, 16), ("layers.1.bias", 8, 1)],
            encoder.Parameters.Select(p => (p.Name, p.Rows, p.Columns)));
        var training = Output(report, store, "autoencoder", "training");
        var validation = training.GetNullableDoubles("val_loss");
        Assert.True(validation.Min() < 0.6, $"the autoencoder should reconstruct z-scored profiles well below the mean predictor's MSE of 1: {validation.Min()}");

        var predictions = Output(report, store, "net", "predictions");
        Assert.Equal(["patient_id", "fold", "target", "observed", "predicted", "model"], predictions.ColumnNames);
        Assert.Equal(70 * 2, predictions.RowCount);
        Assert.All(predictions.GetDoubles("predicted"), v => Assert.True(v >= 0));
        var metrics = Output(report, store, "net", "metrics");
        var r = metrics.GetNullableDoubles("pearson_r");
        Assert.True(r.All(v => v > 0.5), $"held-out r: {string.Join(", ", r)}");
    }
}
