using Radiogenomics.Data;
using Radiogenomics.Learning;

namespace Radiogenomics.Stages;

/// <summary>
/// Out-of-fold predictions of a <see cref="MultilayerPerceptron"/> over patient folds, shared by survive.deepsurv,
/// classify.mlp and predict.morphology. For each outer fold, the other folds' patients are split (by patient, seeded)
/// into fitting and early-stopping validation patients; the inputs are standardised with the fitting patients' means
/// and SDs; the network trains with early stopping (best validation epoch restored) and predicts the held-out fold.
/// Nothing of a held-out patient reaches its fold's model.
/// </summary>
internal static class MlpCrossValidation
{
    /// <param name="Outputs">[patient][output] of each patient's held-out fold model</param>
    /// <param name="TrainingOutputs">per fold 1..K: [patient][output] of the fold's model for its training patients (null elsewhere), e.g. for a cut-off chosen on training data</param>
    public sealed record Result(float[][] Outputs, IReadOnlyList<(int Fold, MlpEpoch Epoch, bool Kept)> History, IReadOnlyList<float[]?[]> TrainingOutputs);

    /// <param name="inputs">[patient][input]</param>
    /// <param name="targetsFor">[patient][target] (time and event for Cox) given the outer fold and its training patients
    /// (a label rule fitted on the training patients, e.g. a quantile, gives fold-dependent labels)</param>
    /// <param name="folds">1-based outer fold of each patient</param>
    /// <param name="prepare">optional per-fold model change (e.g. copying encoder weights in) before training</param>
    /// <param name="standardise">false: the inputs are used as given (e.g. already on a pretrained encoder's scale)</param>
    public static Result Run(
        IReadOnlyList<string> patients, double[][] inputs, Func<int, int[], double[][]> targetsFor, int[] folds, MlpConfig config, MlpTrainingOptions training,
        int epochs, int patience, double validationFraction, int seed, TorchDevice device,
        Action<int, int>? progress, CancellationToken cancellationToken, Action<MultilayerPerceptron, int>? prepare = null, bool standardise = true, Action<string>? log = null)
    {
        int k = folds.Max();
        var outputs = new float[patients.Count][];
        var history = new List<(int, MlpEpoch, bool)>();
        var trainingOutputs = new List<float[]?[]>(k);
        for (int fold = 1; fold <= k; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Invoke(fold, k);
            var train = Enumerable.Range(0, patients.Count).Where(p => folds[p] != fold).ToArray();
            var test = Enumerable.Range(0, patients.Count).Where(p => folds[p] == fold).ToArray();
            var split = PatientSplit.Create(train.Select(p => patients[p]).ToArray(), validationFraction, unchecked((ulong)(seed + fold)));
            var fit = split.TrainingImages.Select(i => train[i]).ToArray();
            var validation = split.ValidationImages.Select(i => train[i]).ToArray();
            var (mean, scale) = standardise ? Standardisation(inputs, fit) : (new double[inputs[0].Length], Enumerable.Repeat(1.0, inputs[0].Length).ToArray());
            var targets = targetsFor(fold, train);
            using var model = MultilayerPerceptron.Create(config with { Seed = unchecked((ulong)(seed + 1000 * fold)) },
                training with { Seed = unchecked((ulong)(seed + 2000 * fold)) }, device);
            prepare?.Invoke(model, fold);
            var result = MlpTrainer.Train(model, Rows(inputs, fit, mean, scale), Targets(targets, fit), Rows(inputs, validation, mean, scale),
                Targets(targets, validation), epochs, patience, unchecked((ulong)(seed + 3000 * fold)), cancellationToken: cancellationToken);
            history.AddRange(result.History.Select(e => (fold, e, e.Epoch == result.KeptEpoch)));
            var kept = result.History.Count > 0 ? result.History[result.KeptEpoch - 1] : null;
            log?.Invoke($"fold {fold}: {fit.Length} fitting, {validation.Length} early-stopping, {test.Length} held-out patients; {result.History.Count} epochs, kept epoch {result.KeptEpoch}" +
                        (kept is null ? "" : $" (train loss {kept.TrainLoss:G4}" + (kept.ValidationLoss is { } v ? $", validation loss {v:G4})" : ")")));
            var predicted = model.Predict(Rows(inputs, test, mean, scale));
            int width = config.OutputSize;
            for (int i = 0; i < test.Length; i++) outputs[test[i]] = predicted.AsSpan(i * width, width).ToArray();
            var fitted = model.Predict(Rows(inputs, train, mean, scale));
            var byPatient = new float[]?[patients.Count];
            for (int i = 0; i < train.Length; i++) byPatient[train[i]] = fitted.AsSpan(i * width, width).ToArray();
            trainingOutputs.Add(byPatient);
        }

        return new Result(outputs, history, trainingOutputs);
    }

    /// <summary>A <c>hidden</c> option (a number list) as layer sizes: whole numbers ≥ 1.</summary>
    public static int[] HiddenLayers(IReadOnlyList<double> hidden) =>
        hidden.Select(h => h >= 1 && h <= 1_000_000 && h == Math.Floor(h) ? (int)h
            : throw new DataProblemException("params", "hidden", $"has {h}, not a layer size", "give whole numbers of units, e.g. hidden: [32, 16]")).ToArray();

    /// <summary>Column means and SDs (n − 1) of the given patients; a constant column is only centred.</summary>
    public static (double[] Mean, double[] Scale) Standardisation(double[][] inputs, int[] rows)
    {
        int width = inputs[0].Length;
        var mean = new double[width];
        var scale = new double[width];
        for (int j = 0; j < width; j++)
        {
            double m = rows.Average(r => inputs[r][j]);
            double ss = rows.Sum(r => (inputs[r][j] - m) * (inputs[r][j] - m));
            double sd = rows.Length > 1 ? Math.Sqrt(ss / (rows.Length - 1)) : 0;
            (mean[j], scale[j]) = (m, sd > 0 ? sd : 1);
        }

        return (mean, scale);
    }

    public static float[] Rows(double[][] inputs, int[] rows, double[] mean, double[] scale)
    {
        int width = mean.Length;
        var x = new float[rows.Length * width];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < width; j++)
                x[i * width + j] = (float)((inputs[rows[i]][j] - mean[j]) / scale[j]);
        return x;
    }

    public static float[] Targets(double[][] targets, int[] rows) =>
        rows.SelectMany(r => targets[r].Select(v => (float)v)).ToArray();
}
