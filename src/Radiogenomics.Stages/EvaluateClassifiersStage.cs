using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Plotting;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>evaluate.classifiers</c>: the held-out predictions of one or more classify stages (bound as <c>predictions</c>,
/// <c>predictions_2</c> … <c>predictions_8</c>) scored as pROC scores them — AUC with DeLong CI, the paired DeLong test
/// between every two models of the same label and patients, accuracy and friends at the Youden cut-offs chosen on
/// training folds, the decision curve, calibration groups with the Hosmer–Lemeshow test — and a ROC plot. Leaky models
/// (split: image) stay marked leaky in every table.
/// </summary>
public sealed class EvaluateClassifiersStage : TableStageKind<EvaluateClassifiersOptions>
{
    private static readonly string[] Slots = ["predictions", .. Enumerable.Range(2, 7).Select(i => $"predictions_{i}")];
    // Not named after the classify stages' output, so they never bind implicitly: a workflow names each, e.g. null_auc: lasso.permutation.
    private static readonly string[] PermutationSlots = ["null_auc", .. Enumerable.Range(2, 3).Select(i => $"null_auc_{i}")];

    public override string Name => "evaluate.classifiers";
    public override int Version => 2;
    public override string Summary => "ROC/AUC with DeLong CIs and paired tests, cut-off metrics, decision curves and calibration of classify stages' held-out predictions.";
    public override IReadOnlyList<string> OptionalConsumes => [.. Slots, .. PermutationSlots];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("auc", "per model (a validation cohort is its own row, model [validation]): model, label_name, level, leaky, auc, se, ci_lower, ci_upper, n_cases, n_controls, mann_whitney_u, mann_whitney_p, mann_whitney_method (wilcox.test of score by class)"),
        new("reclassification", "per pair of models of the same label and patients: model_a (old), model_b (new), kind (continuous, categorical at risk_cutoffs), index (nri, nri_events, nri_nonevents, idi), estimate, se, z, p, lower, upper (Hmisc::improveProb)"),
        new("permutation_test", "per permutation table bound as null_auc … null_auc_4: model, real_auc, permutations, null_mean, null_sd, p = (1 + #null ≥ real) / (1 + N)"),
        .. FigureOutputs.Specs("permutation", "null AUC distributions of the label-permutation controls with the real AUC"),
        new("comparisons", "per pair of models of the same label and patients: model_a, model_b, auc_a, auc_b, z, p (paired DeLong)"),
        new("thresholds", "per model and outer fold (fold null: all): Youden threshold from the training folds (or the training cohort for validation rows; cutoff_chosen_on says which), accuracy, sensitivity, specificity, ppv, npv"),
        new("decision_curve", "per model and threshold probability: net_benefit, treat_all, treat_none"),
        new("calibration", "per model and quantile group: range, n, mean_predicted, observed_rate; Hosmer–Lemeshow statistic, df, p"),
        .. FigureOutputs.Specs("roc", "ROC curves of every model"),
    ];

    private sealed record Model(string Name, string Label, string Level, bool Leaky, string[] Keys, double[] Labels, double[] Scores, int[] Folds, double?[] Thresholds, string Cohort);

    public override Task RunAsync(StageContext context, EvaluateClassifiersOptions options, CancellationToken cancellationToken)
    {
        var models = Slots.Where(context.HasInput).SelectMany(s => Read(context.Input(s))).ToList();
        if (models.Count == 0)
            throw new DataProblemException(context.StageId, "needs", "no classify stage's predictions are bound", "add classify stages to needs and bind them: inputs: {predictions: <stage>.predictions, predictions_2: …}");
        var duplicate = models.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new DataProblemException(context.StageId, "inputs", $"model '{duplicate.Key}' is bound twice", "bind each classify stage once");
        foreach (var m in models.Where(m => m.Leaky))
            context.Warn($"{m.Name}: leaky predictions (split: image); its AUC is not an estimate of performance on new patients");

        var aucs = models.Select(m => Roc.DeLong(m.Scores, m.Labels, options.ConfidenceLevel)).ToList();
        var tests = models.Select(m => MannWhitneyTest.Compute(m.Scores, m.Labels)).ToList();
        ParquetFile.Write(new Table()
            .Add("model", models.Select(m => (string?)m.Name).ToArray())
            .Add("label_name", models.Select(m => (string?)m.Label).ToArray())
            .Add("level", models.Select(m => (string?)m.Level).ToArray())
            .Add("leaky", models.Select(m => m.Leaky).ToArray())
            .Add("auc", aucs.Select(a => a.Auc).ToArray())
            .Add("se", aucs.Select(a => Finite(a.StandardError)).ToArray())
            .Add("ci_lower", aucs.Select(a => Finite(a.CiLower)).ToArray())
            .Add("ci_upper", aucs.Select(a => Finite(a.CiUpper)).ToArray())
            .Add("n_cases", aucs.Select(a => a.Cases).ToArray())
            .Add("n_controls", aucs.Select(a => a.Controls).ToArray())
            .Add("mann_whitney_u", aucs.Select(a => a.Auc * a.Cases * a.Controls).ToArray())
            .Add("mann_whitney_p", tests.Select(w => Finite(w.P)).ToArray())
            .Add("mann_whitney_method", tests.Select(w => (string?)(w.Exact ? "exact" : "normal, continuity and tie correction")).ToArray())
            .Add("cohort", models.Select(m => (string?)m.Cohort).ToArray()), context.Output("auc"));
        for (int i = 0; i < models.Count; i++)
            context.Headline(string.Format(CultureInfo.InvariantCulture, "{0}: AUC {1:0.000} (95% CI {2:0.000}–{3:0.000}), {4} cases, {5} controls{6}",
                models[i].Name, aucs[i].Auc, aucs[i].CiLower, aucs[i].CiUpper, aucs[i].Cases, aucs[i].Controls, models[i].Leaky ? " — LEAKY (split: image)" : ""));

        WriteComparisons(context, models, options);
        WritePermutations(context, aucs.Select((a, i) => (models[i].Name, a.Auc)).ToDictionary(x => x.Name, x => x.Auc));
        WriteThresholds(context.Output("thresholds"), models);
        WriteDecisionCurve(context.Output("decision_curve"), models, options.DecisionStep);
        WriteCalibration(context, models, options.CalibrationGroups);
        DrawRoc(FigureOutputs.Paths(context, "roc"), models, aucs);
        context.Record("models", models.Count);
        return Task.CompletedTask;
    }

    /// <summary>A predictions table as one model, or two when it holds a validation cohort (named <c>model [validation]</c>); rows without a label are left out.</summary>
    private static IEnumerable<Model> Read(string path)
    {
        var t = ParquetFile.Read(path);
        foreach (var c in new[] { "model", "patient_id", "label", "score" })
            if (!t.Contains(c)) throw new DataProblemException(path, "header", $"has no column '{c}'", "bind the predictions output of a classify stage");
        var name = t.GetStrings("model").FirstOrDefault() ?? "model";
        var images = t.Contains("image_id") ? t.GetStrings("image_id") : new string?[t.RowCount];
        var keys = t.GetStrings("patient_id").Zip(images, (p, i) => i is null ? p! : p + "/" + i).ToArray();
        var label = t.GetNullableInt32s("label").Select(v => v is { } l ? (double?)l : null).ToArray();
        var cohort = t.Contains("cohort") ? t.GetStrings("cohort") : new string?[t.RowCount];
        var score = t.GetDoubles("score");
        var fold = t.Contains("fold") ? t.GetInt32s("fold") : new int[t.RowCount];
        var threshold = t.Contains("threshold") ? t.GetNullableDoubles("threshold") : new double?[t.RowCount];
        string labelName = t.Contains("label_name") ? t.GetStrings("label_name").FirstOrDefault() ?? "" : "";
        string level = t.Contains("level") ? t.GetStrings("level").FirstOrDefault() ?? "patient" : "patient";
        bool leaky = t.Contains("leaky") && t.GetBools("leaky").Any(b => b);
        var cohorts = cohort.Distinct().ToList();
        bool split = cohorts.Contains("validation") && cohorts.Count > 1;
        foreach (var group in split ? cohorts : [null])
        {
            var rows = Enumerable.Range(0, t.RowCount).Where(r => label[r] is not null && (!split || cohort[r] == group)).ToArray();
            if (rows.Length == 0) continue;
            yield return new Model(split && group == "validation" ? name + " [validation]" : name, labelName, level, leaky,
                rows.Select(r => keys[r]).ToArray(), rows.Select(r => label[r]!.Value).ToArray(), rows.Select(r => score[r]).ToArray(),
                rows.Select(r => fold[r]).ToArray(), rows.Select(r => threshold[r]).ToArray(), group ?? cohorts.FirstOrDefault() ?? "");
        }
    }

    /// <summary>Paired DeLong tests between models of the same label on the same patients (matched by id).</summary>
    private static void WriteComparisons(StageContext context, List<Model> models, EvaluateClassifiersOptions options)
    {
        var ra = new List<string?>(); var rb = new List<string?>(); var kind = new List<string?>(); var indexName = new List<string?>();
        var est = new List<double?>(); var se = new List<double?>(); var rz = new List<double?>(); var rp = new List<double?>(); var lo = new List<double?>(); var hi = new List<double?>();
        var a = new List<string?>(); var b = new List<string?>();
        var aucA = new List<double>(); var aucB = new List<double>(); var z = new List<double?>(); var p = new List<double?>(); var n = new List<int>();
        for (int i = 0; i < models.Count; i++)
            for (int j = i + 1; j < models.Count; j++)
            {
                var (m1, m2) = (models[i], models[j]);
                if (m1.Label != m2.Label || m1.Leaky != m2.Leaky) continue;
                var index = m2.Keys.Select((k, r) => (k, r)).ToDictionary(x => x.k, x => x.r, StringComparer.Ordinal);
                var common = m1.Keys.Select((k, r) => (r, o: index.GetValueOrDefault(k, -1))).Where(x => x.o >= 0 && m1.Labels[x.r] == m2.Labels[x.o]).ToList();
                if (common.Count < m1.Keys.Length / 2)
                {
                    context.Log($"not compared: {m1.Name} and {m2.Name} share {common.Count} patients with the same label");
                    continue;
                }
                var s1 = common.Select(x => m1.Scores[x.r]).ToArray();
                var s2 = common.Select(x => m2.Scores[x.o]).ToArray();
                var y = common.Select(x => m1.Labels[x.r]).ToArray();
                var c = Roc.Compare(s1, s2, y);
                if (s1.Concat(s2).All(v => v >= 0 && v <= 1))
                {
                    foreach (var (k, r) in new[] { ("continuous", ReclassificationImprovement.Continuous(s1, s2, y, options.ConfidenceLevel)),
                                 ("categorical", ReclassificationImprovement.Categorical(s1, s2, y, options.RiskCutoffs, options.ConfidenceLevel)) })
                        foreach (var (ix, v) in new[] { ("nri", r.Nri), ("nri_events", r.NriEvents), ("nri_nonevents", r.NriNonEvents), ("idi", r.Idi) })
                        {
                            if (k == "categorical" && ix == "idi") continue; // the IDI is a probability-scale index
                            ra.Add(m1.Name); rb.Add(m2.Name); kind.Add(k == "categorical" ? $"categorical at {string.Join("/", options.RiskCutoffs.Select(x => x.ToString(CultureInfo.InvariantCulture)))}" : k); indexName.Add(ix);
                            est.Add(Finite(v.Estimate)); se.Add(Finite(v.StandardError)); rz.Add(Finite(v.Z)); rp.Add(Finite(v.P)); lo.Add(Finite(v.Lower)); hi.Add(Finite(v.Upper));
                        }
                }
                a.Add(m1.Name); b.Add(m2.Name); aucA.Add(c.AucA); aucB.Add(c.AucB); z.Add(Finite(c.Z)); p.Add(Finite(c.P)); n.Add(common.Count);
            }
        ParquetFile.Write(new Table().Add("model_a", a.ToArray()).Add("model_b", b.ToArray()).Add("auc_a", aucA.ToArray()).Add("auc_b", aucB.ToArray())
            .Add("z", z.ToArray()).Add("p", p.ToArray()).Add("n", n.ToArray()), context.Output("comparisons"));
        ParquetFile.Write(new Table().Add("model_a", ra.ToArray()).Add("model_b", rb.ToArray()).Add("kind", kind.ToArray()).Add("index", indexName.ToArray())
            .Add("estimate", est.ToArray()).Add("se", se.ToArray()).Add("z", rz.ToArray()).Add("p", rp.ToArray()).Add("lower", lo.ToArray()).Add("upper", hi.ToArray()),
            context.Output("reclassification"));
    }

    /// <summary>The label-permutation controls: each bound permutation table's p of the real AUC, and the null distributions drawn with it.</summary>
    private void WritePermutations(StageContext context, Dictionary<string, double> aucOf)
    {
        var model = new List<string?>(); var real = new List<double>(); var count = new List<int>(); var mean = new List<double?>(); var sd = new List<double?>(); var p = new List<double?>();
        var chart = new LineChart { Title = "Label-permutation control: null AUCs and the real AUC", XLabel = "AUC", YLabel = "permutations", XMin = 0, XMax = 1 };
        int k = 0;
        foreach (var slot in PermutationSlots.Where(context.HasInput))
        {
            var t = ParquetFile.Read(context.Input(slot));
            if (!t.Contains("permutation") || !t.Contains("auc") || !t.Contains("model"))
                throw new DataProblemException(context.Input(slot), "header", "is not a permutation table (model, permutation, auc)", "bind the permutation output of a classify stage");
            if (t.RowCount == 0) { context.Log($"{slot}: no permutations (set permutations: N on the classify stage)"); continue; }
            var perm = t.GetInt32s("permutation");
            var auc = t.GetDoubles("auc");
            string name = t.GetStrings("model")[0] ?? slot;
            double realAuc = Enumerable.Range(0, t.RowCount).Where(i => perm[i] == 0).Select(i => auc[i]).First();
            var nulls = Enumerable.Range(0, t.RowCount).Where(i => perm[i] > 0).Select(i => auc[i]).ToArray();
            double m = nulls.Average(), s = nulls.Length > 1 ? Math.Sqrt(nulls.Sum(v => (v - m) * (v - m)) / (nulls.Length - 1)) : double.NaN;
            double pv = PermutationTable.P(realAuc, nulls);
            model.Add(name); real.Add(realAuc); count.Add(nulls.Length); mean.Add(m); sd.Add(Finite(s)); p.Add(pv);
            context.Headline(string.Format(CultureInfo.InvariantCulture, "{0}: real AUC {1:0.000} vs {2} label permutations (null mean {3:0.000}), permutation p {4:0.0000}", name, realAuc, nulls.Length, m, pv));
            // the null distribution as a histogram outline (bins of 0.02) and the real AUC as a vertical line
            var bins = Enumerable.Range(0, 50).Select(b => nulls.Count(v => v >= b * 0.02 && (v < (b + 1) * 0.02 || (b == 49 && v <= 1)))).ToArray();
            var xs = new List<double>(); var ys = new List<double>();
            for (int b = 0; b < 50; b++) { xs.Add(b * 0.02); ys.Add(bins[b]); xs.Add((b + 1) * 0.02); ys.Add(bins[b]); }
            var color = LineChart.Palette[k++ % LineChart.Palette.Count];
            chart.Add(new LineSeries($"{name} null", xs.ToArray(), ys.ToArray()) { Color = color });
            chart.Add(new LineSeries(string.Format(CultureInfo.InvariantCulture, "{0} real {1:0.000} (p {2:0.000})", name, realAuc, pv), [realAuc, realAuc], [0, Math.Max(1, bins.Max())]) { Color = color, Dashed = true });
        }
        ParquetFile.Write(new Table().Add("model", model.ToArray()).Add("real_auc", real.ToArray()).Add("permutations", count.ToArray())
            .Add("null_mean", mean.ToArray()).Add("null_sd", sd.ToArray()).Add("p", p.ToArray()), context.Output("permutation_test"));
        if (model.Count == 0) chart.Add(new LineSeries("no permutation control bound", [0, 1], [0, 0]));
        foreach (var path in FigureOutputs.Paths(context, "permutation")) chart.Save(path);
    }

    private static void WriteThresholds(string path, List<Model> models)
    {
        var model = new List<string?>(); var fold = new List<int?>(); var threshold = new List<double?>(); var count = new List<int>();
        var acc = new List<double?>(); var sens = new List<double?>(); var spec = new List<double?>(); var ppv = new List<double?>(); var npv = new List<double?>();
        foreach (var m in models)
        {
            var groups = m.Folds.Distinct().Order().Select(f => (int?)f).Append(null);
            foreach (var f in groups)
            {
                var rows = Enumerable.Range(0, m.Keys.Length).Where(r => f is null || m.Folds[r] == f).Where(r => m.Thresholds[r] is not null).ToArray();
                if (rows.Length == 0) continue;
                var counts = ConfusionCounts.Of(rows.Select(r => m.Scores[r] > m.Thresholds[r]!.Value).ToArray(), rows.Select(r => m.Labels[r]).ToArray());
                model.Add(m.Name); fold.Add(f); count.Add(rows.Length);
                threshold.Add(f is null ? null : m.Thresholds[rows[0]]);
                acc.Add(Finite(counts.Accuracy)); sens.Add(Finite(counts.Sensitivity)); spec.Add(Finite(counts.Specificity)); ppv.Add(Finite(counts.Ppv)); npv.Add(Finite(counts.Npv));
            }
        }
        ParquetFile.Write(new Table().Add("model", model.ToArray()).Add("fold", fold.ToArray()).Add("threshold", threshold.ToArray()).Add("n", count.ToArray())
            .Add("cutoff_chosen_on", model.Select(m => (string?)(m!.EndsWith(" [validation]", StringComparison.Ordinal) ? "the training cohort's scores (model trained on it)" : "each outer fold's training patients")).ToArray())
            .Add("accuracy", acc.ToArray()).Add("sensitivity", sens.ToArray()).Add("specificity", spec.ToArray()).Add("ppv", ppv.ToArray()).Add("npv", npv.ToArray()), path);
    }

    private static void WriteDecisionCurve(string path, List<Model> models, double step)
    {
        var model = new List<string?>(); var pt = new List<double>(); var nb = new List<double>(); var all = new List<double>(); var none = new List<double>();
        int steps = (int)Math.Floor((1 - step) / step + 1e-9);
        foreach (var m in models)
            for (int s = 1; s <= steps; s++)
            {
                double t = Math.Round(s * step, 10);
                if (t >= 1) break;
                model.Add(m.Name); pt.Add(t); nb.Add(DecisionCurve.NetBenefit(m.Labels, m.Scores, t)); all.Add(DecisionCurve.TreatAll(m.Labels, t)); none.Add(0);
            }
        ParquetFile.Write(new Table().Add("model", model.ToArray()).Add("threshold", pt.ToArray()).Add("net_benefit", nb.ToArray())
            .Add("treat_all", all.ToArray()).Add("treat_none", none.ToArray()), path);
    }

    private static void WriteCalibration(StageContext context, List<Model> models, int groups)
    {
        var model = new List<string?>(); var group = new List<int>(); var lower = new List<double>(); var upper = new List<double>(); var n = new List<int>();
        var predicted = new List<double?>(); var observed = new List<double?>(); var stat = new List<double?>(); var df = new List<int>(); var p = new List<double?>();
        foreach (var m in models)
        {
            HosmerLemeshowResult h;
            try { h = HosmerLemeshowTest.Compute(m.Labels, m.Scores, groups); }
            catch (ArgumentException e)
            {
                context.Log($"{m.Name}: no calibration table: {e.Message}");
                continue;
            }
            foreach (var g in h.Groups)
            {
                model.Add(m.Name); group.Add(g.Group); lower.Add(g.Lower); upper.Add(g.Upper); n.Add(g.Count);
                predicted.Add(Finite(g.MeanPredicted)); observed.Add(Finite(g.ObservedRate)); stat.Add(Finite(h.Statistic)); df.Add(h.DegreesOfFreedom); p.Add(Finite(h.P));
            }
        }
        ParquetFile.Write(new Table().Add("model", model.ToArray()).Add("group", group.ToArray()).Add("lower", lower.ToArray()).Add("upper", upper.ToArray())
            .Add("n", n.ToArray()).Add("mean_predicted", predicted.ToArray()).Add("observed_rate", observed.ToArray())
            .Add("hosmer_lemeshow", stat.ToArray()).Add("df", df.ToArray()).Add("p", p.ToArray()), context.Output("calibration"));
    }

    private static void DrawRoc(IReadOnlyList<string> paths, List<Model> models, List<DeLongAuc> aucs)
    {
        var chart = new LineChart { Title = "ROC of held-out predictions", XLabel = "1 - specificity", YLabel = "sensitivity", XMin = 0, XMax = 1, YMin = 0, YMax = 1, DiagonalReference = true };
        for (int i = 0; i < models.Count; i++)
        {
            var curve = Roc.Curve(models[i].Scores, models[i].Labels).Reverse().ToList();
            chart.Add(new LineSeries(string.Format(CultureInfo.InvariantCulture, "{0} {1:0.00}{2}", models[i].Name, aucs[i].Auc, models[i].Leaky ? " (leaky)" : ""),
                curve.Select(c => 1 - c.Specificity).ToArray(), curve.Select(c => c.Sensitivity).ToArray()) { Dashed = models[i].Leaky });
        }
        foreach (var path in paths) chart.Save(path);
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
