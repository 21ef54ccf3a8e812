using Radiogenomics.Engine.Stages;
using Radiogenomics.Plotting;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>survive.cox</c>: Cox proportional hazards as R's <c>coxph</c> (<see cref="CoxRegression"/>): a multivariable
/// model on chosen columns (complete cases, as coxph's na.omit) with coefficients, hazard ratios, the Wald, LR and
/// score tests and the concordance; its linear predictor per patient as a risk score for survive.km and
/// survive.evaluate; and a univariable screen of every image and genomic feature with BH q-values (Yu et al. 2024's
/// univariable screens); subgroup analyses (the exposure's HR per level of clinical columns, the interaction LR test) and
/// a forest plot of the model's and the subgroups' hazard ratios.
/// </summary>
public sealed class SurviveCoxStage : TableStageKind<SurviveCoxOptions>
{
    public override string Name => "survive.cox";
    public override int Version => 2;
    public override string Summary => "Cox regression (R coxph: Efron/Breslow, strata) on chosen columns, a risk score, and a univariable screen of features with BH q.";
    public override IReadOnlyList<string> Consumes => ["survival"];
    public override IReadOnlyList<string> OptionalConsumes => ["clinical", "patient_truth", "risk", "genomic", "features", "feature_map"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("coefficients", "one row per model term: term, coef, se, z, p, hr, hr_lower95, hr_upper95"),
        new("tests", "one row: n, nevent, loglik_null, loglik, wald, lr, score, df, p values, concordance, concordance_se, iterations"),
        new("risk", "one row per patient in the model: patient_id, time, event, risk (the centred linear predictor)"),
        new("screen", "one row per screened feature: feature, source, n, nevent, coef, se, z, p, q, hr, hr_lower95, hr_upper95, converged"),
        new("subgroups", "one row per subgroup variable, level and exposure term: variable, level, n, events, term, coef, se, hr, hr_lower95, hr_upper95, p, interaction_chisq, interaction_df, interaction_p"),
        .. FigureOutputs.Specs("forest", "forest plot: the model's hazard ratios, then the exposure's per subgroup level with the interaction p"),
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

        var subgroups = Subgroups(context, options, survival, columns, used, sample, terms, values);
        var forest = new ForestPlot { Title = $"Cox model: {fit.Count} patients, {fit.EventCount} events" };
        forest.AddHeader("model");
        for (int j = 0; j < terms.Count; j++) forest.Add(terms[j], fit.HazardRatio(j), fit.HazardRatioLower95(j), fit.HazardRatioUpper95(j));
        foreach (var (variable, analysis, exposureTerms) in subgroups)
        {
            forest.AddHeader(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{variable}: {string.Join(", ", exposureTerms)} (interaction p = {analysis.InteractionP:0.####})"));
            foreach (var level in analysis.Levels)
                forest.Add($"{level.Level} ({level.Count}/{level.EventCount})", level.Fit is { Converged: true } f ? f.HazardRatio(0) : double.NaN,
                    level.Fit is { Converged: true } g ? g.HazardRatioLower95(0) : double.NaN, level.Fit is { Converged: true } h ? h.HazardRatioUpper95(0) : double.NaN);
        }
        foreach (var path in FigureOutputs.Paths(context, "forest")) forest.Save(path);

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

        // features complete for every patient (with a stratum) share one sample and its risk sets (CoxScreen); the rest are
        // fitted one by one on their own complete cases
        var fits = new CoxScreenFit?[names.Count];
        var n = new int[names.Count];
        var events = new int[names.Count];
        var everyone = Enumerable.Range(0, survival.PatientIds.Count).Where(p => strataLabels is null || strataLabels[p] is not null).ToList();
        var complete = Enumerable.Range(0, names.Count).Where(j => everyone.All(p => double.IsFinite(data[j][p]))).ToArray();
        if (complete.Length > 0)
        {
            var shared = new SurvivalSample(everyone.Select(p => survival.Time[p]).ToArray(), everyone.Select(p => survival.Event[p]).ToArray(),
                strataLabels is null ? null : Codes(strataLabels, everyone, options.Strata));
            var screened = shared.EventCount > 0 && everyone.Count > 1
                ? CoxScreen.Fit(shared, complete.Select(j => everyone.Select(p => data[j][p]).ToArray()).ToList(), options.Ties, cancellationToken)
                : new CoxScreenFit[complete.Length];
            for (int c = 0; c < complete.Length; c++) { fits[complete[c]] = screened[c]; n[complete[c]] = everyone.Count; events[complete[c]] = shared.EventCount; }
        }
        var partial = Enumerable.Range(0, names.Count).Except(complete).ToArray();
        Parallel.For(0, partial.Length, new ParallelOptions { CancellationToken = cancellationToken }, c =>
        {
            int j = partial[c];
            var used = Enumerable.Range(0, survival.PatientIds.Count).Where(p => double.IsFinite(data[j][p]) && (strataLabels is null || strataLabels[p] is not null)).ToList();
            var sample = new SurvivalSample(used.Select(p => survival.Time[p]).ToArray(), used.Select(p => survival.Event[p]).ToArray(),
                strataLabels is null ? null : Codes(strataLabels, used, options.Strata));
            n[j] = used.Count;
            events[j] = sample.EventCount;
            if (sample.EventCount > 0 && used.Count > 1) fits[j] = CoxScreen.Fit(sample, [used.Select(p => data[j][p]).ToArray()], options.Ties)[0];
        });
        double Get(int j, Func<CoxScreenFit, double> f) => fits[j] is { Converged: true } fit ? f(fit) : double.NaN;
        var p = Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.P)).ToArray();
        var q = new double[p.Length];
        BenjaminiHochberg.Adjust(p, q);
        ParquetFile.Write(new Table()
            .Add("feature", names.Cast<string?>().ToArray())
            .Add("source", sources.Cast<string?>().ToArray())
            .Add("n", n).Add("nevent", events)
            .Add("coef", Finite(Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.Coefficient))))
            .Add("se", Finite(Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.StandardError))))
            .Add("z", Finite(Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.Z))))
            .Add("p", Finite(p)).Add("q", Finite(q))
            .Add("hr", Finite(Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.HazardRatio))))
            .Add("hr_lower95", Finite(Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.HazardRatioLower95))))
            .Add("hr_upper95", Finite(Enumerable.Range(0, names.Count).Select(j => Get(j, f => f.HazardRatioUpper95))))
            .Add("converged", fits.Select(f => f?.Converged ?? false).ToArray()), context.Output("screen"));
        int significant = q.Count(x => x < options.FdrThreshold);
        int failed = fits.Count(f => f is not { Converged: true });
        if (failed > 0) context.Warn($"survive.cox: {failed} of {names.Count} screened features have no fit (constant, no events among their patients, or not converging); their p and q are null");
        context.Record("screened", names.Count);
        context.Record("screen_significant", significant);
        return names.Count == 0 ? "no screen" : $"screen: {significant} of {names.Count} features with q < {options.FdrThreshold}";
    }

    /// <summary>The subgroup analyses of the model's patients, written as the subgroups table.</summary>
    private static List<(string Variable, CoxSubgroupAnalysis Analysis, List<string> ExposureTerms)> Subgroups(StageContext context, SurviveCoxOptions options,
        SurvivalTable survival, SurvivalCovariates columns, List<int> used, SurvivalSample sample, List<string> terms, List<double[]> values)
    {
        var results = new List<(string, CoxSubgroupAnalysis, List<string>)>();
        if (options.Subgroups.Count > 0)
        {
            string exposureName = options.SubgroupExposure.Length > 0 ? options.SubgroupExposure : options.Covariates[0];
            if (!options.Covariates.Contains(exposureName))
                throw new DataProblemException("params", "subgroup_exposure", $"'{exposureName}' is not among the covariates", $"name one of: {string.Join(", ", options.Covariates)}");
            var exposureTerms = columns.Get(exposureName, "subgroup_exposure").Terms.ToList();
            var exposure = exposureTerms.Select(t => values[terms.IndexOf(t)]).ToList();
            var adjust = terms.Where(t => !exposureTerms.Contains(t)).Select(t => values[terms.IndexOf(t)]).ToList();
            foreach (var variable in options.Subgroups)
            {
                var labels = columns.Labels(variable, "subgroups");
                var members = Enumerable.Range(0, used.Count).Where(k => labels[used[k]] is not null).ToArray();
                var names = members.Select(k => labels[used[k]]!).Distinct().ToList();
                names = names.All(n => double.TryParse(n, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                    ? names.OrderBy(n => double.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList() : names.Order(StringComparer.Ordinal).ToList();
                if (names.Count < 2)
                    throw new DataProblemException(survival.Source, $"subgroups: '{variable}'", $"has {names.Count} level(s) among the model's patients", "name a column with at least two levels");
                if (members.Length < used.Count) context.Log($"subgroups {variable}: {used.Count - members.Length} patients without a level left out");
                double[] Pick(double[] v) => members.Select(k => v[k]).ToArray();
                var analysis = CoxSubgroupAnalysis.Run(members.Select(k => sample.Time[k]).ToArray(), members.Select(k => sample.Status[k]).ToArray(),
                    sample.Strata is null ? null : members.Select(k => sample.Strata[k]).ToArray(), exposure.Select(Pick).ToList(), adjust.Select(Pick).ToList(),
                    members.Select(k => names.IndexOf(labels[used[k]]!)).ToArray(), names, options.Ties);
                results.Add((variable, analysis, exposureTerms));
            }
        }
        var rows = results.SelectMany(r => r.Item2.Levels.SelectMany(level => r.Item3.Select((term, j) => (Variable: r.Item1, Analysis: r.Item2, Level: level, Term: term, J: j)))).ToList();
        double? Get(CoxSubgroupLevel level, Func<CoxFit, double> f) => level.Fit is { Converged: true } fit && double.IsFinite(f(fit)) ? f(fit) : null;
        ParquetFile.Write(new Table()
            .Add("variable", rows.Select(r => (string?)r.Variable).ToArray())
            .Add("level", rows.Select(r => (string?)r.Level.Level).ToArray())
            .Add("n", rows.Select(r => r.Level.Count).ToArray())
            .Add("events", rows.Select(r => r.Level.EventCount).ToArray())
            .Add("term", rows.Select(r => (string?)r.Term).ToArray())
            .Add("coef", rows.Select(r => Get(r.Level, f => f.Coefficients[r.J])).ToArray())
            .Add("se", rows.Select(r => Get(r.Level, f => f.StandardErrors[r.J])).ToArray())
            .Add("hr", rows.Select(r => Get(r.Level, f => f.HazardRatio(r.J))).ToArray())
            .Add("hr_lower95", rows.Select(r => Get(r.Level, f => f.HazardRatioLower95(r.J))).ToArray())
            .Add("hr_upper95", rows.Select(r => Get(r.Level, f => f.HazardRatioUpper95(r.J))).ToArray())
            .Add("p", rows.Select(r => Get(r.Level, f => f.P(r.J))).ToArray())
            .Add("interaction_chisq", rows.Select(r => double.IsFinite(r.Analysis.InteractionChiSquare) ? r.Analysis.InteractionChiSquare : (double?)null).ToArray())
            .Add("interaction_df", rows.Select(r => r.Analysis.InteractionDf).ToArray())
            .Add("interaction_p", rows.Select(r => double.IsFinite(r.Analysis.InteractionP) ? r.Analysis.InteractionP : (double?)null).ToArray()), context.Output("subgroups"));
        return results;
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
