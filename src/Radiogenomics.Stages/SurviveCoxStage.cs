using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>survive.cox</c>: Cox proportional hazards as R's <c>coxph</c> (<see cref="CoxRegression"/>): a multivariable
/// model on chosen columns (complete cases, as coxph's na.omit) with coefficients, hazard ratios, the Wald, LR and
/// score tests and the concordance; its linear predictor per patient as a risk score for survive.km and
/// survive.evaluate; and a univariable screen of every image and genomic feature with BH q-values (Yu et al. 2024's
/// univariable screens).
/// </summary>
public sealed class SurviveCoxStage : TableStageKind<SurviveCoxOptions>
{
    public override string Name => "survive.cox";
    public override int Version => 1;
    public override string Summary => "Cox regression (R coxph: Efron/Breslow, strata) on chosen columns, a risk score, and a univariable screen of features with BH q.";
    public override IReadOnlyList<string> Consumes => ["survival"];
    public override IReadOnlyList<string> OptionalConsumes => ["clinical", "patient_truth", "risk", "genomic", "features", "feature_map"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("coefficients", "one row per model term: term, coef, se, z, p, hr, hr_lower95, hr_upper95"),
        new("tests", "one row: n, nevent, loglik_null, loglik, wald, lr, score, df, p values, concordance, concordance_se, iterations"),
        new("risk", "one row per patient in the model: patient_id, time, event, risk (the centred linear predictor)"),
        new("screen", "one row per screened feature: feature, source, n, nevent, coef, se, z, p, q, hr, hr_lower95, hr_upper95, converged"),
    ];

    public override Task RunAsync(StageContext context, SurviveCoxOptions options, CancellationToken cancellationToken)
    {
        if (options.Covariates.Count == 0)
            throw new DataProblemException("params", "covariates", "is empty", "name the model's columns, e.g. covariates: [age, risk_score]");
        var survival = SurvivalTable.Read(TabularFile.FromTable(ParquetFile.Read(context.Input("survival")), "survival table"), "patient_id", options.TimeColumn, options.EventColumn);
        var columns = new SurvivalCovariates(context, survival, options.Aggregate == PatientStatistic.Median);
        var terms = new List<string>();
        var values = new List<double[]>();
        foreach (var name in options.Covariates)
        {
            var column = columns.Get(name, "covariates");
            terms.AddRange(column.Terms);
            values.AddRange(column.Values);
        }
        var strataLabels = options.Strata.Length > 0 ? columns.Labels(options.Strata, "strata") : null;

        // complete cases
        var used = Enumerable.Range(0, survival.PatientIds.Count)
            .Where(p => values.All(v => double.IsFinite(v[p])) && (strataLabels is null || strataLabels[p] is not null)).ToList();
        if (used.Count < survival.PatientIds.Count)
            context.Log($"{survival.PatientIds.Count - used.Count} of {survival.PatientIds.Count} patients left out: a covariate or the stratum is missing");
        var sample = Sample(survival, used, options.Strata.Length > 0 ? survival.HasColumn(options.Strata) ? survival.Strata(options.Strata, "strata", used).Codes : Codes(strataLabels!, used, options.Strata) : null);
        if (sample.EventCount == 0)
            throw new DataProblemException(survival.Source, "covariates", $"the {used.Count} patients with every covariate have no events", "choose covariates that the patients with events have");
        var fit = CoxRegression.Fit(sample, values.Select(v => used.Select(p => v[p]).ToArray()).ToList(), options.Ties);
        if (!fit.Converged) context.Warn($"survive.cox: the model on {string.Join(", ", terms)} did not converge (collinear covariates, or a coefficient runs to infinity)");

        ParquetFile.Write(new Table()
            .Add("term", terms.Cast<string?>().ToArray())
            .Add("coef", fit.Coefficients.ToArray())
            .Add("se", fit.StandardErrors.ToArray())
            .Add("z", Enumerable.Range(0, terms.Count).Select(fit.Z).ToArray())
            .Add("p", Enumerable.Range(0, terms.Count).Select(fit.P).ToArray())
            .Add("hr", Enumerable.Range(0, terms.Count).Select(fit.HazardRatio).ToArray())
            .Add("hr_lower95", Enumerable.Range(0, terms.Count).Select(fit.HazardRatioLower95).ToArray())
            .Add("hr_upper95", Enumerable.Range(0, terms.Count).Select(fit.HazardRatioUpper95).ToArray()), context.Output("coefficients"));
        int df = fit.DegreesOfFreedom;
        ParquetFile.Write(new Table()
            .Add("n", [fit.Count]).Add("nevent", [fit.EventCount])
            .Add("loglik_null", [fit.LogLikelihoodNull]).Add("loglik", [fit.LogLikelihood])
            .Add("wald", [fit.Wald]).Add("lr", [fit.LikelihoodRatio]).Add("score", [fit.Score]).Add("df", [df])
            .Add("wald_p", [ChiSquared.UpperTail(fit.Wald, df)]).Add("lr_p", [ChiSquared.UpperTail(fit.LikelihoodRatio, df)]).Add("score_p", [ChiSquared.UpperTail(fit.Score, df)])
            .Add("concordance", [fit.Concordance?.Concordance ?? double.NaN]).Add("concordance_se", [fit.Concordance?.StandardError ?? double.NaN])
            .Add("iterations", [fit.Iterations]).Add("converged", [fit.Converged]), context.Output("tests"));
        ParquetFile.Write(new Table()
            .Add("patient_id", used.Select(p => (string?)survival.PatientIds[p]).ToArray())
            .Add("time", used.Select(p => survival.Time[p]).ToArray())
            .Add("event", used.Select(p => survival.Event[p]).ToArray())
            .Add("risk", fit.LinearPredictor.ToArray()), context.Output("risk"));

        var screened = Screen(context, options, survival, columns, strataLabels, cancellationToken);
        context.Record("patients", fit.Count);
        context.Record("events", fit.EventCount);
        context.Record("concordance", fit.Concordance?.Concordance);
        context.Report(1.0, $"{fit.Count} patients, {fit.EventCount} events; C = {fit.Concordance?.Concordance:0.###}; {screened}");
        return Task.CompletedTask;
    }

    private string Screen(StageContext context, SurviveCoxOptions options, SurvivalTable survival, SurvivalCovariates columns, string?[]? strataLabels, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var sources = new List<string>();
        var data = new List<double[]>();
        if (options.Screen is SurvivalScreen.Auto or SurvivalScreen.Features)
        {
            names.AddRange(columns.FeatureNames);
            sources.AddRange(columns.FeatureNames.Select(_ => "features"));
            data.AddRange(columns.FeatureValues);
        }
        if (options.Screen is SurvivalScreen.Auto or SurvivalScreen.Genomic && columns.Tables.TryGetValue("genomic", out var genomic))
            foreach (var name in genomic.Table.ColumnNames.Where(c => c != "patient_id"))
            {
                var numbers = SurvivalCovariates.Numbers(genomic.Table, name);
                names.Add(name);
                sources.Add("genomic");
                data.Add(genomic.Rows.Select(r => r < 0 ? double.NaN : numbers[r]).ToArray());
            }
        if (options.Screen is not (SurvivalScreen.Auto or SurvivalScreen.None) && names.Count == 0)
            throw new DataProblemException("params", "screen", $"is {OptionChoices.Spelling(options.Screen)} but the stage consumes no such table", "add the stage that makes it to needs, or set screen: none");

        var fits = new CoxFit?[names.Count];
        var n = new int[names.Count];
        var events = new int[names.Count];
        Parallel.For(0, names.Count, new ParallelOptions { CancellationToken = cancellationToken }, j =>
        {
            var used = Enumerable.Range(0, survival.PatientIds.Count).Where(p => double.IsFinite(data[j][p]) && (strataLabels is null || strataLabels[p] is not null)).ToList();
            var sample = new SurvivalSample(used.Select(p => survival.Time[p]).ToArray(), used.Select(p => survival.Event[p]).ToArray(),
                strataLabels is null ? null : Codes(strataLabels, used, options.Strata));
            n[j] = used.Count;
            events[j] = sample.EventCount;
            if (sample.EventCount > 0 && used.Count > 1) fits[j] = CoxRegression.Fit(sample, [used.Select(p => data[j][p]).ToArray()], options.Ties, concordance: false);
        });
        double Get(int j, Func<CoxFit, double> f) => fits[j] is { Converged: true } fit ? f(fit) : double.NaN;
        var p = Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.P(0))).ToArray();
        var q = new double[p.Length];
        BenjaminiHochberg.Adjust(p, q);
        ParquetFile.Write(new Table()
            .Add("feature", names.Cast<string?>().ToArray())
            .Add("source", sources.Cast<string?>().ToArray())
            .Add("n", n).Add("nevent", events)
            .Add("coef", Finite(Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.Coefficients[0]))))
            .Add("se", Finite(Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.StandardErrors[0]))))
            .Add("z", Finite(Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.Z(0)))))
            .Add("p", Finite(p)).Add("q", Finite(q))
            .Add("hr", Finite(Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.HazardRatio(0)))))
            .Add("hr_lower95", Finite(Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.HazardRatioLower95(0)))))
            .Add("hr_upper95", Finite(Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.HazardRatioUpper95(0)))))
            .Add("converged", fits.Select(f => f?.Converged ?? false).ToArray()), context.Output("screen"));
        int significant = q.Count(x => x < options.FdrThreshold);
        int failed = fits.Count(f => f is not { Converged: true });
        if (failed > 0) context.Warn($"survive.cox: {failed} of {names.Count} screened features have no fit (constant, no events among their patients, or not converging); their p and q are null");
        context.Record("screened", names.Count);
        context.Record("screen_significant", significant);
        return names.Count == 0 ? "no screen" : $"screen: {significant} of {names.Count} features with q < {options.FdrThreshold}";
    }

    private static double?[] Finite(IEnumerable<double> values) => values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray();

    private static SurvivalSample Sample(SurvivalTable survival, List<int> used, int[]? strata) =>
        new(used.Select(p => survival.Time[p]).ToArray(), used.Select(p => survival.Event[p]).ToArray(), strata);

    // stratum codes from labels of another table, with the one-patient check of SurvivalTable.Strata
    private static int[] Codes(string?[] labels, List<int> used, string column)
    {
        var names = used.Select(p => labels[p]!).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var name in names)
            if (used.Count(p => labels[p] == name) == 1)
                throw new DataProblemException("strata", $"column '{column}'", $"stratum '{name}' has one patient; a stratum needs at least two", $"merge '{name}' with another stratum, or drop the patient");
        return used.Select(p => names.IndexOf(labels[p]!)).ToArray();
    }
}
