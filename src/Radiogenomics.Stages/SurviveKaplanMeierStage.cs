using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Plotting;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>survive.km</c>: Kaplan–Meier curves per group as R's <c>survfit</c> (Greenwood std.err of −log S, log CI clipped
/// at 1, median with CI), the G-ρ test as <c>survdiff</c>, hazard ratios of each group against the first (coxph on
/// group indicators), the number at risk at chosen times, and the plot with the risk table under it. Groups come from
/// a clinical category or from a continuous column (a risk score) cut at the median, a given value, the maxstat
/// optimum, or a cross-validated maxstat cut that never looks at the patients it assigns.
/// </summary>
public sealed class SurviveKaplanMeierStage : TableStageKind<SurviveKmOptions>
{
    private const int MaxCategories = 10;

    public override string Name => "survive.km";
    public override int Version => 1;
    public override string Summary => "Kaplan–Meier curves (R survfit) by group or risk-score cut (median, maxstat, cross-validated), log-rank test (survdiff), HRs and the KM plot with its risk table.";
    public override IReadOnlyList<string> Consumes => ["survival"];
    public override IReadOnlyList<string> OptionalConsumes => ["clinical", "patient_truth", "risk", "genomic"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("km", "one row per group and distinct time: strata, time, n_risk, n_event, n_censor, surv, std_err, lower95, upper95"),
        new("logrank", "one row: chisq, df, p, rho, groups, patients"),
        new("logrank_groups", "one row per group: group, n, observed, expected, median with its 95 % CI, hr against the first group with its CI and Wald p"),
        new("at_times", "the number at risk, events since the previous time, surv and its std.err per group at the chosen times"),
        new("groups", "one row per patient: patient_id, group, value (the cut column; null for a category), fold (cross-validated cut)"),
        new("cutpoints", "the cut(s) used: fold (0 = all patients), method, cutpoint, statistic, p (Lau94), patients it was chosen on"),
        .. FigureOutputs.Specs("plot", "Kaplan–Meier curves with censoring ticks and the number-at-risk table"),
    ];

    public override Task RunAsync(StageContext context, SurviveKmOptions options, CancellationToken cancellationToken)
    {
        if (options.GroupBy.Length == 0) throw new DataProblemException("params", "group_by", "is not set", "name the column that makes the groups, e.g. group_by: er_status or group_by: risk");
        var survival = SurvivalTable.Read(TabularFile.FromTable(ParquetFile.Read(context.Input("survival")), "survival table"), "patient_id", options.TimeColumn, options.EventColumn);
        var columns = new SurvivalCovariates(context, survival, medianOfImages: false);
        var (used, labels, values, folds, cuts) = Groups(survival, columns, options);
        var names = labels.Distinct().Order(StringComparer.Ordinal).ToList();
        if (options.Cut != SurvivalCut.None) names = ["low", "high"];
        names = names.Where(labels.Contains).ToList();
        if (names.Count < 2) context.Warn($"survive.km: only one group ('{string.Join("", names)}') — no test");
        var code = labels.Select(l => names.IndexOf(l)).ToArray();
        var time = used.Select(p => survival.Time[p]).ToArray();
        var events = used.Select(p => survival.Event[p]).ToArray();

        // Kaplan–Meier per group
        var curves = names.Select((_, g) =>
        {
            var rows = Enumerable.Range(0, used.Count).Where(i => code[i] == g).ToArray();
            return KaplanMeier.Fit(rows.Select(i => time[i]).ToArray(), rows.Select(i => events[i]).ToArray());
        }).ToList();
        var km = new Table()
            .Add("strata", curves.SelectMany((c, g) => c.Time.Select(_ => (string?)names[g])).ToArray())
            .Add("time", curves.SelectMany(c => c.Time).ToArray())
            .Add("n_risk", curves.SelectMany(c => c.AtRisk).ToArray())
            .Add("n_event", curves.SelectMany(c => c.Events).ToArray())
            .Add("n_censor", curves.SelectMany(c => c.Censored).ToArray())
            .Add("surv", curves.SelectMany(c => c.Survival).ToArray())
            .Add("std_err", Finite(curves.SelectMany(c => c.StandardError)))
            .Add("lower95", Finite(curves.SelectMany(c => c.Lower)))
            .Add("upper95", Finite(curves.SelectMany(c => c.Upper)));
        ParquetFile.Write(km, context.Output("km"));

        // log-rank and hazard ratios against the first group
        var sample = new SurvivalSample(time, events);
        var test = names.Count >= 2 ? LogRankTest.Test(sample, code, names.Count, options.Rho) : null;
        CoxFit? cox = null;
        if (names.Count >= 2)
        {
            var indicators = Enumerable.Range(1, names.Count - 1).Select(g => code.Select(c => c == g ? 1.0 : 0.0).ToArray()).ToList();
            cox = CoxRegression.Fit(sample, indicators, concordance: false);
        }
        ParquetFile.Write(new Table()
            .Add("chisq", [test?.ChiSquare ?? double.NaN]).Add("df", [test?.DegreesOfFreedom ?? 0]).Add("p", [test?.P ?? double.NaN])
            .Add("rho", [options.Rho]).Add("groups", [names.Count]).Add("patients", [used.Count]), context.Output("logrank"));
        var medians = curves.Select(c => c.Quantile(0.5)).ToList();
        double Hr(int g, Func<CoxFit, int, double> f) => g == 0 || cox is not { Converged: true } ? (g == 0 ? 1 : double.NaN) : f(cox, g - 1);
        ParquetFile.Write(new Table()
            .Add("group", names.Cast<string?>().ToArray())
            .Add("n", names.Select((_, g) => code.Count(c => c == g)).ToArray())
            .Add("observed", names.Select((_, g) => test?.Observed[g] ?? events.Where((_, i) => code[i] == g).Sum()).ToArray())
            .Add("expected", Finite(names.Select((_, g) => test?.Expected[g] ?? double.NaN)))
            .Add("median", Finite(medians.Select(m => m.Estimate)))
            .Add("median_lower95", Finite(medians.Select(m => m.Lower)))
            .Add("median_upper95", Finite(medians.Select(m => m.Upper)))
            .Add("hr", Finite(names.Select((_, g) => Hr(g, (f, j) => f.HazardRatio(j)))))
            .Add("hr_lower95", Finite(names.Select((_, g) => g == 0 ? double.NaN : Hr(g, (f, j) => f.HazardRatioLower95(j)))))
            .Add("hr_upper95", Finite(names.Select((_, g) => g == 0 ? double.NaN : Hr(g, (f, j) => f.HazardRatioUpper95(j)))))
            .Add("hr_p", Finite(names.Select((_, g) => g == 0 ? double.NaN : Hr(g, (f, j) => f.P(j))))), context.Output("logrank_groups"));

        // number at risk at chosen times, the plot
        double maxTime = time.Max();
        var times = options.Times.Count > 0 ? options.Times.Order().ToArray() : AxisTicks.Nice(0, maxTime, 6).Where(t => t >= 0 && t <= maxTime).ToArray();
        var at = curves.Select(c => c.At(times)).ToList();
        ParquetFile.Write(new Table()
            .Add("group", at.SelectMany((a, g) => a.Select(_ => (string?)names[g])).ToArray())
            .Add("time", at.SelectMany(a => a.Select(r => r.Time)).ToArray())
            .Add("n_risk", at.SelectMany(a => a.Select(r => r.AtRisk)).ToArray())
            .Add("n_event", at.SelectMany(a => a.Select(r => r.Events)).ToArray())
            .Add("surv", at.SelectMany(a => a.Select(r => r.Survival)).ToArray())
            .Add("std_err", at.SelectMany(a => a.Select(r => r.StandardError)).ToArray()), context.Output("at_times"));
        string title = test is null ? $"Kaplan–Meier by {options.GroupBy}" : $"{options.GroupBy}: log-rank p = {FormatP(test.P)}";
        var plot = new KaplanMeierPlot { Title = title, XLabel = options.TimeLabel.Length > 0 ? options.TimeLabel : options.TimeColumn, RiskTimes = times };
        for (int g = 0; g < names.Count; g++)
        {
            var c = curves[g];
            var censored = Enumerable.Range(0, c.Time.Count).Where(i => c.Censored[i] > 0).Select(i => c.Time[i]).ToList();
            plot.Add($"{names[g]} (n = {code.Count(x => x == g)})", c.Time, c.Survival, censored, at[g].Select(r => r.AtRisk).ToList());
        }
        foreach (var path in FigureOutputs.Paths(context, "plot")) plot.Save(path);

        ParquetFile.Write(new Table()
            .Add("patient_id", used.Select(p => (string?)survival.PatientIds[p]).ToArray())
            .Add("group", labels.Cast<string?>().ToArray())
            .Add("value", Finite(values))
            .Add("fold", folds), context.Output("groups"));
        ParquetFile.Write(new Table()
            .Add("fold", cuts.Select(c => c.Fold).ToArray())
            .Add("method", cuts.Select(c => (string?)OptionChoices.Spelling(options.Cut)).ToArray())
            .Add("cutpoint", cuts.Select(c => c.Cut).ToArray())
            .Add("statistic", Finite(cuts.Select(c => c.Statistic)))
            .Add("p", Finite(cuts.Select(c => c.P)))
            .Add("patients", cuts.Select(c => c.Patients).ToArray()), context.Output("cutpoints"));

        context.Record("patients", used.Count);
        context.Record("logrank_p", test?.P);
        context.Report(1.0, $"{used.Count} patients in {names.Count} groups ({string.Join(", ", names.Select((n, g) => $"{n}: {code.Count(x => x == g)}"))}); log-rank p = {(test is null ? "—" : FormatP(test.P))}");
        return Task.CompletedTask;
    }

    private static (List<int> Used, string[] Labels, double[] Values, int[] Folds, List<(int Fold, double Cut, double Statistic, double P, int Patients)> Cuts)
        Groups(SurvivalTable survival, SurvivalCovariates columns, SurviveKmOptions options)
    {
        int n = survival.PatientIds.Count;
        var cuts = new List<(int, double, double, double, int)>();
        if (options.Cut == SurvivalCut.None)
        {
            var text = columns.Labels(options.GroupBy, "group_by");
            var used = Enumerable.Range(0, n).Where(p => text[p] is not null).ToList();
            int distinct = used.Select(p => text[p]).Distinct().Count();
            if (distinct > MaxCategories)
                throw new DataProblemException("params", $"group_by: '{options.GroupBy}'", $"has {distinct} distinct values, too many to be groups",
                    "set cut: median, maxstat, value or cross_validated for a continuous column");
            return (used, used.Select(p => text[p]!).ToArray(), used.Select(_ => double.NaN).ToArray(), new int[used.Count], cuts);
        }
        var column = columns.Get(options.GroupBy, "group_by");
        if (column.Terms.Count != 1 || column.Terms[0] != options.GroupBy)
            throw new DataProblemException("params", $"group_by: '{options.GroupBy}'", "is not a numeric column and cannot be cut", "set cut: none to use its values as groups");
        var all = column.Values[0];
        var patients = Enumerable.Range(0, n).Where(p => double.IsFinite(all[p])).ToList();
        var value = patients.Select(p => all[p]).ToArray();
        var time = patients.Select(p => survival.Time[p]).ToArray();
        var status = patients.Select(p => survival.Event[p]).ToArray();
        var fold = new int[patients.Count];
        var cut = new double[patients.Count];
        switch (options.Cut)
        {
            case SurvivalCut.Median:
                Array.Fill(cut, RQuantile.Type7(value, 0.5));
                cuts.Add((0, cut[0], double.NaN, double.NaN, patients.Count));
                break;
            case SurvivalCut.Value:
                Array.Fill(cut, options.CutValue);
                cuts.Add((0, options.CutValue, double.NaN, double.NaN, patients.Count));
                break;
            case SurvivalCut.Maxstat:
                var best = MaximallySelectedRankStatistic.LogRank(time, status, value, options.MinProp, 1 - options.MinProp);
                Array.Fill(cut, best.Cutpoint);
                cuts.Add((0, best.Cutpoint, best.Statistic, best.P, patients.Count));
                break;
            case SurvivalCut.CrossValidated:
                // folds of a seeded shuffle; each fold's cut comes from the other folds only
                var random = new Random(unchecked((int)options.Seed));
                var shuffled = Enumerable.Range(0, patients.Count).ToArray();
                random.Shuffle(shuffled);
                for (int i = 0; i < shuffled.Length; i++) fold[shuffled[i]] = 1 + i % options.Folds;
                for (int k = 1; k <= options.Folds; k++)
                {
                    var train = Enumerable.Range(0, patients.Count).Where(i => fold[i] != k).ToArray();
                    var fit = MaximallySelectedRankStatistic.LogRank(train.Select(i => time[i]).ToArray(), train.Select(i => status[i]).ToArray(),
                        train.Select(i => value[i]).ToArray(), options.MinProp, 1 - options.MinProp);
                    for (int i = 0; i < fold.Length; i++) if (fold[i] == k) cut[i] = fit.Cutpoint;
                    cuts.Add((k, fit.Cutpoint, fit.Statistic, fit.P, train.Length));
                }
                break;
        }
        var labels = value.Select((v, i) => v <= cut[i] ? "low" : "high").ToArray();
        return (patients, labels, value, fold, cuts);
    }

    private static double?[] Finite(IEnumerable<double> values) => values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray();

    private static string FormatP(double p) => p < 1e-4 ? p.ToString("0.0E+0", CultureInfo.InvariantCulture) : p.ToString("0.0000", CultureInfo.InvariantCulture);
}
