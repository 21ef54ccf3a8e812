using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>survive.lasso</c>: penalised Cox regression on high-dimensional features, equal to R's
/// <c>glmnet(family = "cox")</c> / <c>cv.glmnet</c> (<see cref="CoxLasso"/>, <see cref="CoxLassoCrossValidation"/>). The
/// path and cross-validation on all patients give the reported coefficients at λ.min and λ.1se; the honest estimate is
/// nested (<see cref="NestedCoxLassoEstimate"/>): outer patient folds, λ chosen by inner folds on the training patients only,
/// and each held-out patient's risk from its fold's model — the <c>predictions</c> table survive.evaluate and survive.km read.
/// </summary>
public sealed class SurviveLassoStage : TableStageKind<SurviveLassoOptions>
{
    public override string Name => "survive.lasso";
    public override int Version => 1;
    public override string Summary => "Penalised Cox (glmnet family = \"cox\": lasso/elastic net) with cv.glmnet's λ, nested patient-level CV risks for evaluation.";
    public override IReadOnlyList<string> Consumes => ["survival"];
    public override IReadOnlyList<string> OptionalConsumes => ["features", "feature_map", "genomic"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("path", "one row per λ step and non-zero coefficient of the all-patient path: step, lambda, term, estimate"),
        new("cv", "one row per λ step of cv.glmnet on all patients: step, lambda, df, dev_ratio, measure, cvm, cvsd, is_min, is_1se"),
        new("coefficients", "non-zero coefficients at λ.min and λ.1se of the all-patient fit: rule, lambda, term, estimate, hr"),
        new("predictions", "one row per patient, held out by the nested CV: patient_id, fold, risk (linear predictor, higher = worse), time, event, lambda, nonzero"),
    ];

    public override Task RunAsync(StageContext context, SurviveLassoOptions options, CancellationToken cancellationToken)
    {
        if (options.Use == SurvivalScreen.None)
            throw new DataProblemException("params", "use", "is none, so the model has no features", "set use: auto, features or genomic");
        var survival = SurvivalTable.Read(TabularFile.FromTable(ParquetFile.Read(context.Input("survival")), "survival table"), "patient_id", options.TimeColumn, options.EventColumn);
        var columns = new SurvivalCovariates(context, survival, options.Aggregate == PatientStatistic.Median);
        var names = new List<string>();
        var data = new List<double[]>();
        if (options.Use is SurvivalScreen.Auto or SurvivalScreen.Features)
        {
            names.AddRange(columns.FeatureNames);
            data.AddRange(columns.FeatureValues);
        }
        if (options.Use is SurvivalScreen.Auto or SurvivalScreen.Genomic && columns.Tables.TryGetValue("genomic", out var genomic))
            foreach (var name in genomic.Table.ColumnNames.Where(c => c != "patient_id"))
            {
                var numbers = SurvivalCovariates.Numbers(genomic.Table, name);
                names.Add(name);
                data.Add(genomic.Rows.Select(r => r < 0 ? double.NaN : numbers[r]).ToArray());
            }
        if (names.Count < 2)
            throw new DataProblemException("params", "use", $"is {OptionChoices.Spelling(options.Use)}, which gives {names.Count} feature(s); glmnet needs at least 2",
                "add the stage that makes the features (features or genomic table) to needs, or change use");

        // glmnet needs positive times and complete rows
        for (int p = 0; p < survival.PatientIds.Count; p++)
            if (!(survival.Time[p] > 0))
                throw new DataProblemException(survival.Source, $"patient '{survival.PatientIds[p]}'", $"has {options.TimeColumn} = {survival.Time[p]}; glmnet's Cox model needs times > 0",
                    "drop the patient, or give a time-zero event a small positive time (e.g. half a day)");
        var used = Enumerable.Range(0, survival.PatientIds.Count).Where(p => data.All(v => double.IsFinite(v[p]))).ToArray();
        if (used.Length < survival.PatientIds.Count)
            context.Log($"{survival.PatientIds.Count - used.Length} of {survival.PatientIds.Count} patients left out: a feature value is missing");
        var time = used.Select(p => survival.Time[p]).ToArray();
        var status = used.Select(p => survival.Event[p]).ToArray();
        int events = status.Sum();
        if (events < 2 * options.Folds)
            throw new DataProblemException(survival.Source, $"column '{options.EventColumn}'", $"has {events} events among the {used.Length} patients with every feature; {options.Folds} outer folds need at least {2 * options.Folds}",
                "use fewer folds, or more patients");
        var x = data.Select(v => used.Select(p => v[p]).ToArray()).ToArray();
        var lasso = new CoxLassoOptions { Alpha = options.Alpha, LambdaCount = options.Nlambda };
        var random = new Random(options.Seed);

        // all patients: the path, and cv.glmnet's λ (inner folds stratified by event, as the nested estimate draws them)
        var allFolds = StratifiedFolds.Assign(status.Select(s => (double)s).ToArray(), options.InnerFolds, random);
        CoxLassoCrossValidationResult cv;
        try { cv = CoxLassoCrossValidation.Run(x, time, status, allFolds, options.Measure, lasso); }
        catch (ArgumentException e) { throw new DataProblemException(survival.Source, "all patients", e.Message, "use fewer folds, or more patients with events"); }
        var fit = cv.Fit;
        if (fit.Warning is { } warning) context.Warn($"survive.lasso: {warning}");
        var path = new List<(int Step, double Lambda, string Term, double Estimate)>();
        for (int s = 0; s < fit.Steps; s++)
            for (int j = 0; j < names.Count; j++)
                if (fit.Beta[s][j] != 0) path.Add((s + 1, fit.Lambda[s], names[j], fit.Beta[s][j]));
        ParquetFile.Write(new Table()
            .Add("step", path.Select(r => r.Step).ToArray())
            .Add("lambda", path.Select(r => r.Lambda).ToArray())
            .Add("term", path.Select(r => (string?)r.Term).ToArray())
            .Add("estimate", path.Select(r => r.Estimate).ToArray()), context.Output("path"));
        string measure = OptionChoices.Spelling(options.Measure);
        ParquetFile.Write(new Table()
            .Add("step", Enumerable.Range(1, fit.Steps).ToArray())
            .Add("lambda", fit.Lambda.ToArray())
            .Add("df", fit.Df.ToArray())
            .Add("dev_ratio", fit.DevianceRatio.ToArray())
            .Add("measure", Enumerable.Repeat((string?)measure, fit.Steps).ToArray())
            .Add("cvm", cv.Cvm.ToArray())
            .Add("cvsd", cv.Cvsd.ToArray())
            .Add("is_min", Enumerable.Range(0, fit.Steps).Select(s => s == cv.IndexMin).ToArray())
            .Add("is_1se", Enumerable.Range(0, fit.Steps).Select(s => s == cv.IndexOneSe).ToArray()), context.Output("cv"));
        var chosen = new List<(string Rule, double Lambda, string Term, double Estimate)>();
        foreach (var (rule, at) in new[] { ("lambda.min", cv.IndexMin), ("lambda.1se", cv.IndexOneSe) })
            for (int j = 0; j < names.Count; j++)
                if (fit.Beta[at][j] != 0) chosen.Add((rule, fit.Lambda[at], names[j], fit.Beta[at][j]));
        ParquetFile.Write(new Table()
            .Add("rule", chosen.Select(r => (string?)r.Rule).ToArray())
            .Add("lambda", chosen.Select(r => r.Lambda).ToArray())
            .Add("term", chosen.Select(r => (string?)r.Term).ToArray())
            .Add("estimate", chosen.Select(r => r.Estimate).ToArray())
            .Add("hr", chosen.Select(r => Math.Exp(r.Estimate)).ToArray()), context.Output("coefficients"));

        // the honest estimate: nested CV, outer folds stratified by event
        var outer = StratifiedFolds.Assign(status.Select(s => (double)s).ToArray(), options.Folds, random);
        IReadOnlyList<CoxLassoOutOfFold> held;
        try
        {
            held = NestedCoxLassoEstimate.Run(x, time, status, outer, options.InnerFolds, random, options.Measure, options.Rule == LassoLambdaRule.OneSe, lasso,
                (fold, k) => context.Report((double)fold / k, $"outer fold {fold} of {k}"));
        }
        catch (ArgumentException e) { throw new DataProblemException(survival.Source, "nested cross-validation", e.Message, "use fewer folds, or more patients with events"); }
        ParquetFile.Write(new Table()
            .Add("patient_id", held.Select(h => (string?)survival.PatientIds[used[h.Patient]]).ToArray())
            .Add("fold", held.Select(h => h.Fold).ToArray())
            .Add("risk", held.Select(h => h.Risk).ToArray())
            .Add("time", held.Select(h => time[h.Patient]).ToArray())
            .Add("event", held.Select(h => status[h.Patient]).ToArray())
            .Add("lambda", held.Select(h => h.Lambda).ToArray())
            .Add("nonzero", held.Select(h => h.NonZero).ToArray()), context.Output("predictions"));

        var c = HarrellConcordance.Compute(new SurvivalSample(time, status), held.Select(h => h.Risk).ToArray());
        int step = options.Rule == LassoLambdaRule.OneSe ? cv.IndexOneSe : cv.IndexMin;
        context.Record("patients", used.Length);
        context.Record("events", events);
        context.Record("features", names.Count);
        context.Record("nonzero", fit.Df[step]);
        context.Record("held_out_c", c.Concordance);
        context.Report(1.0, $"{used.Length} patients, {events} events, {names.Count} features; {OptionChoices.Spelling(options.Rule)} keeps {fit.Df[step]}; held-out C {c.Concordance:0.###}");
        return Task.CompletedTask;
    }
}
