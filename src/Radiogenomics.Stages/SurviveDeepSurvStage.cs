using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Learning;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>survive.deepsurv</c>: DeepSurv (Katzman et al. 2018; Yu et al. 2024's model) through the libtorch bridge — an
/// MLP whose one output is a risk score, trained on the Cox negative log partial likelihood (Breslow's ties, each
/// mini-batch its own risk set) with dropout and L2. The estimate is cross-validated by patient: outer folds
/// (stratified by event, or a fold column) hold patients out; inside each training fold a seeded patient split
/// chooses the epoch by early stopping (the best validation epoch's weights are kept) and the inputs are standardised
/// with the fitting patients only. <c>predictions</c> has each patient's held-out risk (higher = worse), the form
/// survive.evaluate reads. Deterministic on the CPU for a seed and thread count; the GPU when present (device: auto).
/// </summary>
public sealed class SurviveDeepSurvStage : TableStageKind<SurviveDeepSurvOptions>
{
    public override string Name => "survive.deepsurv";
    public override int Version => 1;
    public override string Summary => "DeepSurv: an MLP risk score on the Cox partial likelihood (libtorch), with a cross-validated patient-level estimate.";
    public override IReadOnlyList<string> Consumes => ["survival"];
    public override IReadOnlyList<string> OptionalConsumes => ["features", "feature_map", "clinical", "genomic", "patient_truth"];
    public override bool SupportsGpu => true;
    public override bool DeviceAffectsOutput => true;
    public override StageResources Resources(ResolvedParameters parameters) => TorchStageRequirements.Resources(parameters);
    public override IReadOnlyList<string> NativeCode => TorchStageRequirements.NativeCode;

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("predictions", "one row per patient: patient_id, fold, risk (held-out DeepSurv score, higher = worse), time, event"),
        new("training", "one row per outer fold and epoch: fold, epoch, train_loss, val_loss (the early-stopping patients' Cox loss), kept"),
        new("metrics", "metric, value, note: Harrell's C of the held-out risks (pooled and per fold), patients, events, inputs"),
    ];

    public override Task RunAsync(StageContext context, SurviveDeepSurvOptions options, CancellationToken cancellationToken)
    {
        var survival = SurvivalTable.Read(TabularFile.FromTable(ParquetFile.Read(context.Input("survival")), "survival table"), "patient_id", options.TimeColumn, options.EventColumn);
        var columns = new SurvivalCovariates(context, survival, options.Aggregate == PatientStatistic.Median);
        var names = new List<string>(columns.FeatureNames);
        var values = new List<double[]>(columns.FeatureValues);
        foreach (var name in options.Covariates)
        {
            var column = columns.Get(name, "covariates");
            names.AddRange(column.Terms);
            values.AddRange(column.Values);
        }
        if (names.Count == 0)
            throw new DataProblemException("params", "covariates", "is empty and no features table is consumed", "add a features stage to needs, or name covariates, e.g. covariates: [age]");

        var used = Enumerable.Range(0, survival.PatientIds.Count).Where(p => values.All(v => double.IsFinite(v[p]))).ToArray();
        if (used.Length < survival.PatientIds.Count)
            context.Log($"{survival.PatientIds.Count - used.Length} of {survival.PatientIds.Count} patients left out: an input is missing (no features, or a missing covariate)");
        var patients = used.Select(p => survival.PatientIds[p]).ToArray();
        var time = used.Select(p => survival.Time[p]).ToArray();
        var events = used.Select(p => survival.Event[p]).ToArray();
        int eventCount = events.Sum();
        if (patients.Length < options.Folds)
            throw new DataProblemException(survival.Source, "patients", $"has {patients.Length} patients with every input, fewer than the {options.Folds} folds", "use fewer folds, or inputs that more patients have");
        if (eventCount < options.Folds)
            throw new DataProblemException(survival.Source, $"column '{options.EventColumn}'", $"has {eventCount} events among the {patients.Length} patients with every input; each fold needs one", "use fewer folds, or a cohort with more events");

        var folds = options.FoldColumn.Length > 0
            ? FoldColumn.Read(columns.Labels(options.FoldColumn, "fold_column"), used, survival.PatientIds, survival.Source, options.FoldColumn)
            : StratifiedFolds.Assign(events.Select(e => (double)e).ToArray(), options.Folds, new Random(options.Seed));
        var inputs = Enumerable.Range(0, used.Length).Select(i => values.Select(v => v[used[i]]).ToArray()).ToArray();
        var targets = Enumerable.Range(0, used.Length).Select(i => new[] { time[i], (double)events[i] }).ToArray();
        var config = new MlpConfig { InputSize = names.Count, Hidden = MlpCrossValidation.HiddenLayers(options.Hidden), OutputSize = 1, Activation = options.Activation, Dropout = options.Dropout };
        var training = new MlpTrainingOptions
        {
            Loss = MlpLoss.Cox, Optimizer = options.Optimizer, LearningRate = options.LearningRate, Momentum = options.Momentum,
            WeightDecay = options.L2, BatchSize = options.BatchSize, Schedule = options.Schedule, Gamma = options.Gamma, StepSize = options.StepSize,
        };

        int previousThreads = TorchRuntime.ThreadCount;
        int threads = TorchStageRequirements.Threads(context.Parameters);
        MlpCrossValidation.Result result;
        try
        {
            TorchRuntime.ThreadCount = threads;
            bool cuda = context.Device == "cuda";
            if (cuda) TorchRuntime.SetDeterministic(true);
            context.Log($"{patients.Length} patients ({eventCount} events) × {names.Count} inputs; MLP {names.Count}-{string.Join("-", options.Hidden)}-1, " +
                        $"{OptionChoices.Spelling(options.Activation)}, dropout {options.Dropout}, L2 {options.L2}; {folds.Max()} outer folds; {(cuda ? "cuda" : "cpu")}, {threads} threads");
            result = MlpCrossValidation.Run(patients, inputs, (_, _) => targets, folds, config, training, options.Epochs, options.Patience,
                options.ValidationFraction, options.Seed, cuda ? TorchDevice.Cuda() : TorchDevice.Cpu,
                (fold, of) => context.Report(0.05 + 0.85 * (fold - 1) / of, $"outer fold {fold} of {of}"), cancellationToken, log: context.Log);
        }
        finally
        {
            TorchRuntime.ThreadCount = previousThreads;
        }

        var risk = result.Outputs.Select(o => (double)o[0]).ToArray();
        ParquetFile.Write(new Table()
            .Add("patient_id", patients.Cast<string?>().ToArray())
            .Add("fold", folds)
            .Add("risk", risk)
            .Add("time", time)
            .Add("event", events), context.Output("predictions"));
        ParquetFile.Write(new Table()
            .Add("fold", result.History.Select(h => h.Fold).ToArray())
            .Add("epoch", result.History.Select(h => h.Epoch.Epoch).ToArray())
            .Add("train_loss", result.History.Select(h => h.Epoch.TrainLoss).ToArray())
            .Add("val_loss", result.History.Select(h => h.Epoch.ValidationLoss).ToArray())
            .Add("kept", result.History.Select(h => h.Kept).ToArray()), context.Output("training"));

        var pooled = HarrellConcordance.Compute(new SurvivalSample(time, events), risk);
        var metrics = new List<(string, double, string?)>
        {
            ("harrell_c", pooled.Concordance, "held-out risks of every fold pooled (higher risk = shorter survival)"),
            ("harrell_c_se", pooled.StandardError, "infinitesimal jackknife, as survival's concordance"),
        };
        for (int fold = 1; fold <= folds.Max(); fold++)
        {
            var rows = Enumerable.Range(0, patients.Length).Where(i => folds[i] == fold).ToArray();
            var sample = new SurvivalSample(rows.Select(i => time[i]).ToArray(), rows.Select(i => events[i]).ToArray());
            metrics.Add(($"harrell_c_fold_{fold}", sample.EventCount > 0 ? HarrellConcordance.Compute(sample, rows.Select(i => risk[i]).ToArray()).Concordance : double.NaN, "within the fold"));
        }
        metrics.Add(("patients", patients.Length, null));
        metrics.Add(("events", eventCount, null));
        metrics.Add(("inputs", names.Count, string.Join(", ", names.Take(5)) + (names.Count > 5 ? ", …" : "")));
        metrics.Add(("kept_epoch_mean", result.History.Where(h => h.Kept).Select(h => (double)h.Epoch.Epoch).DefaultIfEmpty(double.NaN).Average(), "early stopping per fold"));
        ParquetFile.Write(new Table()
            .Add("metric", metrics.Select(m => (string?)m.Item1).ToArray())
            .Add("value", metrics.Select(m => double.IsFinite(m.Item2) ? m.Item2 : (double?)null).ToArray())
            .Add("note", metrics.Select(m => m.Item3).ToArray()), context.Output("metrics"));

        context.Record("harrell_c", pooled.Concordance);
        context.Record("patients", patients.Length);
        context.Record("events", eventCount);
        context.Record("threads", threads);
        string text = string.Format(CultureInfo.InvariantCulture, "DeepSurv held-out Harrell's C {0:0.000} (SE {1:0.000}), {2} patients, {3} events, {4}-fold CV by patient",
            pooled.Concordance, pooled.StandardError, patients.Length, eventCount, folds.Max());
        context.Headline(text);
        context.Report(1.0, text);
        return Task.CompletedTask;
    }
}
