using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Report;

/// <summary>
/// The outcome sections: classifiers (classify.* and evaluate.classifiers) and survival (survive.*). Plots are drawn
/// from the stages' own tables; only the ROC curves are recomputed, from the bound predictions at pROC's thresholds
/// (<see cref="Statistics.Roc.Curve"/>, as evaluate.classifiers draws them), because the stage writes the AUCs, not the points.
/// </summary>
internal sealed partial class ReportComposer
{
    // Plotly's default palette, named so a KM curve's censoring marks and a model's traces share one colour.
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    // ---- classifiers ------------------------------------------------------------------------------

    private ReportSection? Classifiers()
    {
        var b = new StringBuilder();
        foreach (var ev in run.StagesOfKind("evaluate.classifiers"))
            b.Append(ClassifierEvaluation(ev));
        var classify = run.StagesOfKind("classify.").ToList();
        b.Append(ClassifyMetrics(classify));
        foreach (var st in classify)
            b.Append(ClassifyStage(st));
        return b.Length == 0 ? null : new ReportSection("classify", "Classifiers", b.ToString());
    }

    private string ClassifierEvaluation(StageExecution ev)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<h3>{Html.Text(ev.StageId)}: held-out performance</h3>\n");
        b.Append(FailureNote(ev));
        foreach (var line in ev.FactLines("headlines")) b.Append(CultureInfo.InvariantCulture, $"<div class=\"headline\">{Html.Text(line)}</div>\n");
        if (ReadTable(ev, "auc") is { } auc && auc.RowCount > 0)
        {
            b.Append(Roc(ev, auc));
            b.Append(Html.Table(auc, 100, $"{ev.StageId}: AUC with {ConfidencePercent(ev)} DeLong CI per model", $"{ev.StageId}-auc"));
        }
        if (ReadTable(ev, "comparisons") is { } comparisons && comparisons.RowCount > 0)
            b.Append(Html.Table(comparisons, 500, $"{ev.StageId}: paired DeLong tests between models of the same label and patients (click a header to sort)", $"{ev.StageId}-comparisons"));
        if (ReadTable(ev, "reclassification") is { } nri && nri.RowCount > 0)
            b.Append(Html.Table(nri, 500, $"{ev.StageId}: reclassification (NRI, IDI) between models", $"{ev.StageId}-reclassification"));
        if (ResultPath(ev, "thresholds") is { } thresholds)
        {
            // Pooled rows (fold null): each patient classified at the cut-off its training folds chose (so no one threshold).
            var pooled = Db.Query($"SELECT * EXCLUDE (fold, threshold) FROM read_parquet('{Sql(thresholds)}') WHERE fold IS NULL");
            if (pooled.RowCount > 0)
                b.Append(Html.Table(pooled, 100, $"{ev.StageId}: metrics at the Youden cut-off chosen on the training folds (never on the patients scored)", $"{ev.StageId}-cutoff"));
        }
        if (ReadTable(ev, "calibration") is { } calibration && calibration.RowCount > 0) b.Append(Calibration(ev, calibration));
        if (ReadTable(ev, "decision_curve") is { } decision && decision.RowCount > 0) b.Append(DecisionCurves(ev, decision));
        b.Append(Permutations(ev));
        return b.ToString();
    }

    /// <summary>ROC curves per model from the predictions the evaluation read, AUC and DeLong CI (the stage's) in the legend.</summary>
    private string Roc(StageExecution ev, Table auc)
    {
        var curves = new Dictionary<string, (double[] Scores, double[] Labels)>(StringComparer.Ordinal);
        foreach (var input in ev.Inputs.Where(i => i.EndsWith("/predictions.parquet", StringComparison.Ordinal)))
        {
            string path = Path.Combine(run.RunDirectory, input);
            if (File.Exists(path))
                foreach (var (name, scores, labels) in HeldOutModels(ParquetFile.Read(path))) curves.TryAdd(name, (scores, labels));
        }
        var models = auc.GetStrings("model");
        var value = Numbers(auc, "auc");
        var lower = Numbers(auc, "ci_lower");
        var upper = Numbers(auc, "ci_upper");
        var leaky = auc.Contains("leaky") ? auc.GetBools("leaky") : new bool[auc.RowCount];
        var traces = new JsonArray();
        for (int i = 0; i < auc.RowCount; i++)
        {
            if (models[i] is not { } model || !curves.TryGetValue(model, out var c) || value[i] is not { } a) continue;
            var curve = Statistics.Roc.Curve(c.Scores, c.Labels).Reverse().ToList(); // from (0, 0) to (1, 1)
            traces.Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "lines", ["name"] = AucLegend(model, a, lower[i], upper[i], leaky[i]),
                ["x"] = Json(curve.Select(p => (double?)(1 - p.Specificity))), ["y"] = Json(curve.Select(p => (double?)p.Sensitivity)),
                ["text"] = new JsonArray(curve.Select(p => (JsonNode?)JsonValue.Create(Threshold(p.Threshold))).ToArray()),
                ["customdata"] = Json(curve.Select(p => (double?)p.Specificity)),
                ["line"] = new JsonObject { ["color"] = Palette[i % Palette.Length], ["dash"] = leaky[i] ? "dash" : "solid", ["shape"] = "linear" },
                ["hovertemplate"] = $"{model}<br>threshold %{{text}}<br>sensitivity %{{y:.3f}}<br>specificity %{{customdata:.3f}}<extra></extra>",
            });
        }
        if (traces.Count == 0) return StaticFigures(ev, "roc", "the ROC curves") + Figure(ev, "roc", "ROC curves of every model");
        traces.Add(Diagonal("chance"));
        var layout = Layout("ROC of held-out predictions (dashed: leaky)", "1 − specificity", "sensitivity", logY: false);
        layout["height"] = 520;
        layout["xaxis"]!["range"] = new JsonArray(0, 1);
        layout["yaxis"]!["range"] = new JsonArray(0, 1.02);
        layout["legend"] = new JsonObject { ["x"] = 0.42, ["y"] = 0.05, ["bgcolor"] = "rgba(255,255,255,0.8)" };
        return Plot($"{ev.StageId}-roc", traces, layout) + StaticFigures(ev, "roc", "the ROC curves");
    }

    internal static string AucLegend(string model, double auc, double? lower, double? upper, bool leaky) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}: AUC {auc:0.000}") +
        (lower is { } l && upper is { } u ? string.Create(CultureInfo.InvariantCulture, $" ({l:0.000}–{u:0.000})") : "") + (leaky ? " LEAKY" : "");

    /// <summary>
    /// A predictions table as evaluate.classifiers reads it: one model (named by its model column), or two when it holds a
    /// validation cohort (the second named "model [validation]"); rows without a label are left out.
    /// </summary>
    internal static IEnumerable<(string Name, double[] Scores, double[] Labels)> HeldOutModels(Table t)
    {
        if (!t.Contains("score") || !t.Contains("label")) yield break;
        string name = t.Contains("model") ? t.GetStrings("model").FirstOrDefault() ?? "model" : "model";
        var label = Numbers(t, "label");
        var score = Numbers(t, "score");
        var cohort = t.Contains("cohort") ? t.GetStrings("cohort") : new string?[t.RowCount];
        var cohorts = cohort.Distinct().ToList();
        bool split = cohorts.Contains("validation") && cohorts.Count > 1;
        foreach (var group in split ? cohorts : [null])
        {
            var rows = Enumerable.Range(0, t.RowCount).Where(r => label[r] is not null && score[r] is not null && (!split || cohort[r] == group)).ToArray();
            if (rows.Length == 0) continue;
            yield return (split && group == "validation" ? name + " [validation]" : name, rows.Select(r => score[r]!.Value).ToArray(), rows.Select(r => label[r]!.Value).ToArray());
        }
    }

    private string Calibration(StageExecution ev, Table calibration)
    {
        var model = calibration.GetStrings("model");
        var predicted = Numbers(calibration, "mean_predicted");
        var observed = Numbers(calibration, "observed_rate");
        var n = Numbers(calibration, "n");
        var p = Numbers(calibration, "p");
        var traces = new JsonArray();
        int k = 0;
        foreach (var name in model.Distinct())
        {
            var rows = Enumerable.Range(0, calibration.RowCount).Where(r => model[r] == name).ToArray();
            traces.Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "lines+markers", ["name"] = $"{name} (Hosmer–Lemeshow p {(p[rows[0]] is { } hp ? Html.Number(hp) : "NA")})",
                ["x"] = Json(rows.Select(r => predicted[r])), ["y"] = Json(rows.Select(r => observed[r])),
                ["customdata"] = Json(rows.Select(r => n[r])),
                ["line"] = new JsonObject { ["color"] = Palette[k++ % Palette.Length] },
                ["hovertemplate"] = $"{name}<br>mean predicted %{{x:.3f}}<br>observed rate %{{y:.3f}}<br>%{{customdata}} patients<extra></extra>",
            });
        }
        traces.Add(Diagonal("ideal"));
        var layout = Layout("calibration: observed rate against mean predicted probability per risk group", "mean predicted probability", "observed rate", logY: false);
        layout["xaxis"]!["range"] = new JsonArray(0, 1);
        layout["yaxis"]!["range"] = new JsonArray(0, 1);
        return Plot($"{ev.StageId}-calibration", traces, layout);
    }

    private string DecisionCurves(StageExecution ev, Table curve)
    {
        var model = curve.GetStrings("model");
        var threshold = Numbers(curve, "threshold");
        var benefit = Numbers(curve, "net_benefit");
        var all = Numbers(curve, "treat_all");
        var traces = new JsonArray();
        var treatAll = new List<(string Model, double?[] Values, int[] Rows)>();
        int k = 0;
        foreach (var name in model.Distinct())
        {
            var rows = Enumerable.Range(0, curve.RowCount).Where(r => model[r] == name).ToArray();
            traces.Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "lines", ["name"] = name,
                ["x"] = Json(rows.Select(r => threshold[r])), ["y"] = Json(rows.Select(r => benefit[r])),
                ["line"] = new JsonObject { ["color"] = Palette[k++ % Palette.Length] },
                ["hovertemplate"] = $"{name}<br>threshold %{{x:.2f}}<br>net benefit %{{y:.4f}}<extra></extra>",
            });
            var values = rows.Select(r => all[r]).ToArray();
            if (!treatAll.Any(t => t.Values.SequenceEqual(values))) treatAll.Add((name!, values, rows)); // one line per prevalence
        }
        foreach (var (name, values, rows) in treatAll)
            traces.Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "lines", ["name"] = treatAll.Count == 1 ? "treat all" : $"treat all ({name}'s patients)",
                ["x"] = Json(rows.Select(r => threshold[r])), ["y"] = Json(values),
                // several prevalences: each treat-all line in the colour of the first model of its patients
                ["line"] = new JsonObject { ["color"] = treatAll.Count == 1 ? "#4a5568" : Palette[model.Distinct().ToList().IndexOf(name) % Palette.Length], ["dash"] = "dot" },
            });
        traces.Add(new JsonObject
        {
            ["type"] = "scatter", ["mode"] = "lines", ["name"] = "treat none", ["x"] = new JsonArray(0, 1), ["y"] = new JsonArray(0, 0),
            ["line"] = new JsonObject { ["color"] = "#1a202c", ["dash"] = "dash" },
        });
        // Treat-all falls far below zero at high thresholds; the models' range is what matters.
        double top = benefit.Concat(all).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0.1).Max();
        var layout = Layout("decision curves: net benefit against threshold probability", "threshold probability", "net benefit", logY: false);
        layout["yaxis"]!["range"] = new JsonArray(-0.05, Math.Round(Math.Max(0.05, top) * 1.1, 4));
        return Plot($"{ev.StageId}-decision", traces, layout);
    }

    /// <summary>The label-permutation controls the evaluation read: the null AUCs (bins of 0.02, as the stage's figure) and the real AUC.</summary>
    private string Permutations(StageExecution ev)
    {
        var b = new StringBuilder();
        var traces = new JsonArray();
        double tallest = 1;
        int k = 0;
        foreach (var input in ev.Inputs.Where(i => i.EndsWith("/permutation.parquet", StringComparison.Ordinal)))
        {
            string path = Path.Combine(run.RunDirectory, input);
            if (!File.Exists(path)) continue;
            var t = ParquetFile.Read(path);
            if (t.RowCount == 0 || !t.Contains("permutation") || !t.Contains("auc")) continue;
            var perm = Numbers(t, "permutation");
            var auc = Numbers(t, "auc");
            string name = t.Contains("model") ? t.GetStrings("model")[0] ?? input : input;
            var nulls = Enumerable.Range(0, t.RowCount).Where(i => perm[i] > 0 && auc[i] is not null).Select(i => auc[i]!.Value).ToArray();
            if (Enumerable.Range(0, t.RowCount).FirstOrDefault(i => perm[i] == 0, -1) is not (>= 0 and var realRow) || auc[realRow] is not { } real) continue;
            var bins = Enumerable.Range(0, 50).Select(c => nulls.Count(v => v >= c * 0.02 && (v < (c + 1) * 0.02 || (c == 49 && v <= 1)))).ToArray();
            tallest = Math.Max(tallest, bins.Max());
            string colour = Palette[k++ % Palette.Length];
            traces.Add(new JsonObject
            {
                ["type"] = "bar", ["name"] = $"{name}: {nulls.Length} permutations", ["x"] = Json(Enumerable.Range(0, 50).Select(c => (double?)Math.Round(c * 0.02 + 0.01, 2))),
                ["y"] = Json(bins.Select(v => (double?)v)), ["width"] = 0.02, ["opacity"] = 0.6, ["marker"] = new JsonObject { ["color"] = colour },
                ["hovertemplate"] = $"{name}<br>null AUC %{{x:.2f}} ± 0.01: %{{y}} permutations<extra></extra>",
            });
            traces.Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "lines", ["name"] = string.Create(CultureInfo.InvariantCulture, $"{name}: real AUC {real:0.000}"),
                ["x"] = new JsonArray(real, real), ["y"] = new JsonArray(0, tallest), ["line"] = new JsonObject { ["color"] = colour, ["dash"] = "dash", ["width"] = 3 },
            });
        }
        if (traces.Count > 0)
        {
            foreach (var line in traces.OfType<JsonObject>().Where(t => (string?)t["type"] == "scatter")) line["y"] = new JsonArray(0, tallest); // every line to the tallest bar
            var layout = Layout("label-permutation control: real AUC against the chance distribution", "AUC", "permutations", logY: false);
            layout["xaxis"]!["range"] = new JsonArray(0, 1);
            layout["barmode"] = "overlay";
            b.Append(Plot($"{ev.StageId}-permutation", traces, layout));
        }
        if (ReadTable(ev, "permutation_test") is { } test && test.RowCount > 0)
            b.Append(Html.Table(test, 20, $"{ev.StageId}: permutation p = (1 + #null ≥ real) / (1 + N)", $"{ev.StageId}-permutation-test"));
        if (b.Length > 0) b.Append(StaticFigures(ev, "permutation", "the permutation control"));
        else _shownOutputs.Add($"{ev.StageId}/permutation"); // no control bound: the stage's figure says only that
        return b.ToString();
    }

    /// <summary>Every classify stage's held-out metrics side by side: one row per metric, one column per stage.</summary>
    private string ClassifyMetrics(List<StageExecution> stages)
    {
        var columns = new List<(string Stage, Dictionary<string, double?> Values)>();
        var names = new List<string>();
        foreach (var st in stages)
        {
            if (ReadTable(st, "metrics") is not { RowCount: > 0 } metrics || !metrics.Contains("metric")) continue;
            var metric = metrics.GetStrings("metric");
            var value = Numbers(metrics, "value");
            var values = new Dictionary<string, double?>(StringComparer.Ordinal);
            for (int r = 0; r < metrics.RowCount; r++)
                if (metric[r] is { } m && values.TryAdd(m, value[r]) && !names.Contains(m)) names.Add(m);
            columns.Add((st.StageId, values));
        }
        if (columns.Count == 0) return "";
        var table = new Table().Add("metric", names.Select(n => (string?)n).ToArray());
        foreach (var (stage, values) in columns) table.Add(stage, names.Select(n => values.GetValueOrDefault(n)).ToArray());
        return "<h3>Classify stages: held-out metrics</h3>\n" +
               Html.Table(table, 200, "metrics of each stage's held-out predictions, one column per stage (notes in each stage's metrics table below)", "classify-metrics");
    }

    private string ClassifyStage(StageExecution st)
    {
        var b = new StringBuilder();
        var metrics = ReadTable(st, "metrics");
        bool leaky = st.Parameters.GetValueOrDefault("split") == "image" ||
                     metrics is not null && metrics.Contains("metric") && Enumerable.Range(0, metrics.RowCount).Any(r => metrics.GetStrings("metric")[r] == "leaky" && Numbers(metrics, "value")[r] == 1);
        b.Append(CultureInfo.InvariantCulture, $"<h3 data-stage=\"{Html.Attr(st.StageId)}\">{Html.Text(st.StageId)} <span class=\"muted\">({Html.Text(st.Kind)})</span>");
        if (leaky) b.Append(" <span class=\"badge bad leaky\" title=\"split: image — a patient's images are in both training and test folds; its AUC is not an estimate on new patients\">leaky: split: image</span>");
        b.Append("</h3>\n");
        b.Append(FailureNote(st));
        b.Append(Figure(st, "nomogram", "the nomogram (points of each predictor, total points to probability), as rms's plot.nomogram"));
        // The long tables folded: the metrics are side by side above, the plots in the evaluation.
        var details = new StringBuilder();
        var shown = new List<string>();
        foreach (var (name, caption, rows) in new[]
                 {
                     ("metrics", "metrics of the held-out predictions, with notes", 100), ("statistics", "model statistics (as rms::lrm)", 100),
                     ("coefficients", "coefficients of the model on all training patients", 300), ("importance", "feature importance", 50),
                     ("points", "nomogram points of each predictor value", 500), ("axes", "nomogram total-points, linear-predictor and probability axes", 200),
                 })
            if ((name == "metrics" ? metrics : ReadTable(st, name)) is { RowCount: > 0 } t)
            {
                details.Append(Html.Table(t, rows, $"{st.StageId}: {caption}", $"{st.StageId}-{name}"));
                shown.Add(name);
            }
        if (shown.Count > 0)
            b.Append("<details><summary>tables: ").Append(Html.Text(string.Join(", ", shown))).Append("</summary>\n").Append(details).Append("</details>\n");
        return b.ToString();
    }

    // ---- survival ---------------------------------------------------------------------------------

    private ReportSection? Survival()
    {
        var b = new StringBuilder();
        foreach (var st in run.StagesOfKind("survive."))
        {
            b.Append(CultureInfo.InvariantCulture, $"<h3 data-stage=\"{Html.Attr(st.StageId)}\">{Html.Text(st.StageId)} <span class=\"muted\">({Html.Text(st.Kind)})</span></h3>\n");
            b.Append(FailureNote(st));
            switch (st.Kind)
            {
                case "survive.km": b.Append(KaplanMeier(st)); break;
                case "survive.cox": b.Append(Cox(st)); break;
                case "survive.evaluate": b.Append(TimeDependentRoc(st)); break;
                default:
                    foreach (var name in new[] { "metrics", "coefficients" })
                        if (ReadTable(st, name) is { } t && t.RowCount > 0)
                            b.Append(Html.Table(t, 300, $"{st.StageId}: {name}", $"{st.StageId}-{name}"));
                    break;
            }
        }
        return b.Length == 0 ? null : new ReportSection("survival", "Survival", b.ToString());
    }

    /// <summary>KM step curves per group with censoring marks, the log-rank test in the title, the number at risk under the plot.</summary>
    private string KaplanMeier(StageExecution st)
    {
        if (ReadTable(st, "km") is not { } km || km.RowCount == 0) return "";
        var b = new StringBuilder();
        var strata = km.GetStrings("strata");
        var time = Numbers(km, "time");
        var surv = Numbers(km, "surv");
        var atRisk = Numbers(km, "n_risk");
        var censored = Numbers(km, "n_censor");
        var groups = strata.Distinct().ToList();
        var traces = new JsonArray();
        for (int g = 0; g < groups.Count; g++)
        {
            var rows = Enumerable.Range(0, km.RowCount).Where(r => strata[r] == groups[g]).OrderBy(r => time[r]).ToArray();
            string colour = Palette[g % Palette.Length];
            // survfit's rows start at the first time; the curve starts at 1 at time 0.
            traces.Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "lines", ["name"] = groups[g], ["legendgroup"] = groups[g],
                ["x"] = Json(rows.Select(r => time[r]).Prepend(0)), ["y"] = Json(rows.Select(r => surv[r]).Prepend(1)),
                ["customdata"] = Json(rows.Select(r => atRisk[r]).Prepend(atRisk[rows[0]])),
                ["line"] = new JsonObject { ["shape"] = "hv", ["color"] = colour },
                ["hovertemplate"] = $"{groups[g]}<br>time %{{x}}<br>survival %{{y:.3f}}<br>at risk %{{customdata}}<extra></extra>",
            });
            var censorRows = rows.Where(r => censored[r] > 0).ToArray();
            if (censorRows.Length > 0)
                traces.Add(new JsonObject
                {
                    ["type"] = "scatter", ["mode"] = "markers", ["name"] = $"{groups[g]} censored", ["legendgroup"] = groups[g], ["showlegend"] = false,
                    ["x"] = Json(censorRows.Select(r => time[r])), ["y"] = Json(censorRows.Select(r => surv[r])),
                    ["marker"] = new JsonObject { ["symbol"] = "line-ns-open", ["size"] = 8, ["color"] = colour },
                    ["hovertemplate"] = $"{groups[g]}: censored at %{{x}}<extra></extra>",
                });
        }
        string title = "Kaplan–Meier survival";
        if (ReadTable(st, "logrank") is { } logrank && logrank.RowCount > 0 && Numbers(logrank, "p")[0] is { } p)
            title += $" · {LogRank(Numbers(logrank, "chisq")[0], Numbers(logrank, "df")[0], p)}";
        string timeLabel = st.Parameters.GetValueOrDefault("time_label") is { Length: > 0 } label ? label : "time";
        var layout = Layout(title, timeLabel, "survival probability", logY: false);
        layout["yaxis"]!["range"] = new JsonArray(0, 1.02);
        layout["height"] = 460;
        b.Append(Plot($"{st.StageId}-km", traces, layout));
        b.Append(RiskTable(st));
        b.Append(StaticFigures(st, "plot", "the Kaplan–Meier plot with its risk table"));
        if (ReadTable(st, "logrank_groups") is { } perGroup && perGroup.RowCount > 0)
            b.Append(Html.Table(perGroup, 50, $"{st.StageId}: per group — observed and expected events, median survival, HR against the first group", $"{st.StageId}-groups"));
        if (ReadTable(st, "cutpoints") is { } cuts && cuts.RowCount > 0)
            b.Append(Html.Table(cuts, 50, $"{st.StageId}: the cut(s) that made the groups", $"{st.StageId}-cutpoints"));
        return b.ToString();
    }

    internal static string LogRank(double? chisq, double? df, double p) =>
        string.Create(CultureInfo.InvariantCulture, $"log-rank χ² {(chisq is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "NA")}, df {df}, p = {Html.Number(p)}");

    /// <summary>The number at risk per group (rows) at the stage's chosen times (columns), as under a published KM plot.</summary>
    private string RiskTable(StageExecution st)
    {
        if (ReadTable(st, "at_times") is not { } at || at.RowCount == 0) return "";
        var group = at.GetStrings("group");
        var time = Numbers(at, "time");
        var n = Numbers(at, "n_risk");
        var times = time.Where(t => t is not null).Select(t => t!.Value).Distinct().Order().ToList();
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<table class=\"risk-table\" id=\"{Html.Attr(st.StageId)}-at-risk\"><caption>number at risk</caption><thead><tr><th>group</th>");
        foreach (var t in times) b.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{Html.Text(Html.Number(t))}</th>");
        b.Append("</tr></thead><tbody>");
        foreach (var g in group.Distinct())
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr><th>{Html.Text(g)}</th>");
            foreach (var t in times)
            {
                int row = Enumerable.Range(0, at.RowCount).FirstOrDefault(r => group[r] == g && time[r] == t, -1);
                b.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(row >= 0 && n[row] is { } v ? Html.Number(v) : "")}</td>");
            }
            b.Append("</tr>");
        }
        b.Append("</tbody></table>\n");
        return b.ToString();
    }

    private string Cox(StageExecution st)
    {
        var b = new StringBuilder();
        if (ReadTable(st, "tests") is { } tests && tests.RowCount > 0)
        {
            if (tests.Contains("concordance") && Numbers(tests, "concordance")[0] is { } c)
                b.Append(CultureInfo.InvariantCulture, $"<p class=\"c-index\">C-index (Harrell) <strong>{Html.Number(c)}</strong>{(tests.Contains("concordance_se") && Numbers(tests, "concordance_se")[0] is { } se ? $" (se {Html.Number(se)})" : "")}</p>\n");
            b.Append(Html.Table(tests, 5, $"{st.StageId}: model tests", $"{st.StageId}-tests"));
        }
        var coefficients = ReadTable(st, "coefficients");
        if (coefficients is { RowCount: > 0 })
            b.Append(Html.Table(HazardRatios(coefficients), 200, $"{st.StageId}: Cox coefficients, hazard ratio with 95 % CI", $"{st.StageId}-coefficients"));
        var subgroups = ReadTable(st, "subgroups");
        if (coefficients is { RowCount: > 0 } || subgroups is { RowCount: > 0 })
        {
            b.Append(ForestPlot(st, coefficients, subgroups));
            b.Append(StaticFigures(st, "forest", "the forest plot"));
        }
        if (subgroups is { RowCount: > 0 })
            b.Append(Html.Table(subgroups, 200, $"{st.StageId}: the exposure's hazard ratio per subgroup level, with the interaction test", $"{st.StageId}-subgroups"));
        if (ResultPath(st, "screen") is { } screen)
        {
            var top = Db.Query($"SELECT * FROM read_parquet('{Sql(screen)}') ORDER BY q ASC NULLS LAST, p ASC NULLS LAST LIMIT 200");
            if (top.RowCount > 0) b.Append(Html.Table(top, 200, $"{st.StageId}: univariable screen, smallest q first", $"{st.StageId}-screen"));
        }
        return b.ToString();
    }

    /// <summary>The coefficients table with "HR [95 % CI]" as the published tables write it, beside the raw columns.</summary>
    internal static Table HazardRatios(Table coefficients)
    {
        var hr = Numbers(coefficients, "hr");
        var lo = Numbers(coefficients, "hr_lower95");
        var hi = Numbers(coefficients, "hr_upper95");
        var result = new Table().Add("term", coefficients.GetStrings("term"))
            .Add("HR [95% CI]", Enumerable.Range(0, coefficients.RowCount).Select(i => (string?)HazardRatio(hr[i], lo[i], hi[i])).ToArray());
        foreach (var name in new[] { "p", "hr", "hr_lower95", "hr_upper95", "coef", "se", "z" })
            if (coefficients.Contains(name)) result.Add(name, Numbers(coefficients, name));
        return result;
    }

    internal static string HazardRatio(double? hr, double? lower, double? upper) => hr is not { } h ? "NA"
        : string.Create(CultureInfo.InvariantCulture, $"{h:0.00} [{(lower is { } l ? l.ToString("0.00", CultureInfo.InvariantCulture) : "NA")}, {(upper is { } u ? u.ToString("0.00", CultureInfo.InvariantCulture) : "NA")}]");

    /// <summary>Hazard ratios with 95 % CI on a log axis: the model's terms, then the exposure per subgroup level (interaction p on each variable).</summary>
    private string ForestPlot(StageExecution st, Table? coefficients, Table? subgroups)
    {
        var traces = new JsonArray();
        var labels = new List<string>();
        void Add(string name, string colour, IReadOnlyList<string> rowLabels, double?[] hr, double?[] lo, double?[] hi, double?[] p)
        {
            var rows = Enumerable.Range(0, hr.Length).Where(i => hr[i] is not null).ToArray();
            if (rows.Length == 0) return;
            labels.AddRange(rows.Select(i => rowLabels[i]));
            traces.Add(new JsonObject
            {
                ["type"] = "scatter", ["mode"] = "markers", ["name"] = name,
                ["x"] = Json(rows.Select(i => hr[i])), ["y"] = new JsonArray(rows.Select(i => (JsonNode?)JsonValue.Create(rowLabels[i])).ToArray()),
                ["error_x"] = new JsonObject
                {
                    ["type"] = "data", ["symmetric"] = false,
                    ["array"] = Json(rows.Select(i => hi[i] - hr[i])), ["arrayminus"] = Json(rows.Select(i => hr[i] - lo[i])),
                    ["color"] = colour, ["thickness"] = 1.5, ["width"] = 4,
                },
                ["marker"] = new JsonObject { ["symbol"] = "square", ["size"] = 9, ["color"] = colour },
                ["customdata"] = new JsonArray(rows.Select(i => (JsonNode?)JsonValue.Create($"{HazardRatio(hr[i], lo[i], hi[i])}, p {(p[i] is { } pv ? Html.Number(pv) : "NA")}")).ToArray()),
                ["hovertemplate"] = "%{y}<br>HR [95% CI] %{customdata}<extra></extra>",
            });
        }
        if (coefficients is { RowCount: > 0 })
            Add("model terms", Palette[0], coefficients.GetStrings("term").Select(t => t ?? "").ToList(),
                Numbers(coefficients, "hr"), Numbers(coefficients, "hr_lower95"), Numbers(coefficients, "hr_upper95"), Numbers(coefficients, "p"));
        if (subgroups is { RowCount: > 0 })
        {
            var variable = subgroups.GetStrings("variable");
            var level = subgroups.GetStrings("level");
            var interaction = subgroups.Contains("interaction_p") ? Numbers(subgroups, "interaction_p") : new double?[subgroups.RowCount];
            var n = Numbers(subgroups, "n");
            var rowLabels = Enumerable.Range(0, subgroups.RowCount).Select(i =>
                $"{variable[i]} = {level[i]} (n {(n[i] is { } c ? Html.Number(c) : "?")}{(interaction[i] is { } ip ? $"; interaction p {Html.Number(ip)}" : "")})").ToList();
            Add($"exposure per subgroup ({subgroups.GetStrings("term").FirstOrDefault()})", Palette[1], rowLabels,
                Numbers(subgroups, "hr"), Numbers(subgroups, "hr_lower95"), Numbers(subgroups, "hr_upper95"), Numbers(subgroups, "p"));
        }
        if (traces.Count == 0) return "";
        var layout = Layout("hazard ratios with 95 % CI", "hazard ratio (log scale)", "", logY: false);
        layout["xaxis"]!["type"] = "log";
        layout["yaxis"] = new JsonObject { ["autorange"] = "reversed", ["automargin"] = true, ["type"] = "category" };
        layout["height"] = Math.Max(300, 90 + 28 * labels.Count);
        layout["shapes"] = new JsonArray(new JsonObject
        {
            ["type"] = "line", ["xref"] = "x", ["yref"] = "paper", ["x0"] = 1, ["x1"] = 1, ["y0"] = 0, ["y1"] = 1,
            ["line"] = new JsonObject { ["color"] = "#4a5568", ["dash"] = "dash" },
        });
        return Plot($"{st.StageId}-forest", traces, layout);
    }

    /// <summary>survive.evaluate: cumulative/dynamic ROC curves per marker and time with the td-AUC in the legend, then C-index and Brier tables.</summary>
    private string TimeDependentRoc(StageExecution st)
    {
        var b = new StringBuilder();
        var aucOf = new Dictionary<(string?, double?), double?>();
        if (ReadTable(st, "td_auc") is { RowCount: > 0 } tdAuc)
        {
            var m = tdAuc.GetStrings("model");
            var t = Numbers(tdAuc, "time");
            var a = Numbers(tdAuc, "auc");
            for (int i = 0; i < tdAuc.RowCount; i++) aucOf[(m[i], t[i])] = a[i];
        }
        if (ReadTable(st, "td_roc") is { RowCount: > 0 } roc)
        {
            var model = roc.GetStrings("model");
            var time = Numbers(roc, "time");
            var tpr = Numbers(roc, "tpr");
            var fpr = Numbers(roc, "fpr");
            var threshold = Numbers(roc, "threshold");
            var traces = new JsonArray();
            int k = 0;
            foreach (var key in Enumerable.Range(0, roc.RowCount).Select(r => (model[r], time[r])).Distinct())
            {
                var rows = Enumerable.Range(0, roc.RowCount).Where(r => model[r] == key.Item1 && time[r] == key.Item2).ToArray();
                string name = $"{key.Item1}, t = {(key.Item2 is { } tv ? Html.Number(tv) : "?")}" +
                              (aucOf.GetValueOrDefault(key) is { } av ? string.Create(CultureInfo.InvariantCulture, $": AUC {av:0.000}") : "");
                traces.Add(new JsonObject
                {
                    ["type"] = "scatter", ["mode"] = "lines", ["name"] = name,
                    ["x"] = Json(rows.Select(r => fpr[r])), ["y"] = Json(rows.Select(r => tpr[r])), ["customdata"] = Json(rows.Select(r => threshold[r])),
                    ["line"] = new JsonObject { ["color"] = Palette[k++ % Palette.Length], ["shape"] = "hv" },
                    ["hovertemplate"] = $"{name}<br>risk > %{{customdata:.4g}}<br>TPR %{{y:.3f}}, FPR %{{x:.3f}}<extra></extra>",
                });
            }
            traces.Add(Diagonal("chance"));
            var layout = Layout("time-dependent ROC (cumulative cases, dynamic controls)", "false-positive rate", "true-positive rate", logY: false);
            layout["xaxis"]!["range"] = new JsonArray(0, 1);
            layout["yaxis"]!["range"] = new JsonArray(0, 1.02);
            layout["height"] = 500;
            b.Append(Plot($"{st.StageId}-td-roc", traces, layout));
            b.Append(StaticFigures(st, "roc_plot", "the time-dependent ROC curves"));
        }
        foreach (var (name, caption) in new[] { ("td_auc", "time-dependent AUC (IPCW) at the chosen times"), ("concordance", "C-index: Harrell's and Uno's"), ("brier", "Brier score per time; the integrated score over [0, τ] last") })
            if (ReadTable(st, name) is { RowCount: > 0 } t)
                b.Append(Html.Table(t, 200, $"{st.StageId}: {caption}", $"{st.StageId}-{name.Replace('_', '-')}"));
        return b.ToString();
    }

    // ---- shared by the outcome sections -----------------------------------------------------------

    /// <summary>Links to the PNG and SVG the stage drew for papers (files of the run folder), so the section need not inline them again.</summary>
    private string StaticFigures(StageExecution st, string output, string what)
    {
        var links = new[] { output + "_svg", output }
            .Where(o => st.Results.TryGetValue(o, out var rel) && (rel.EndsWith(".svg", StringComparison.Ordinal) || rel.EndsWith(".png", StringComparison.Ordinal)) && File.Exists(Path.Combine(run.RunDirectory, rel)))
            .Select(o => st.Results[o]).ToList();
        if (links.Count == 0) return "";
        _shownOutputs.Add($"{st.StageId}/{output}");
        return $"<p class=\"muted figure-files\" data-output=\"{Html.Attr(st.StageId + "/" + output)}\">Static figure of {Html.Text(what)} for papers, as the stage drew it: " +
               string.Join(" · ", links.Select(l => $"<a href=\"{Html.Attr(l)}\">{Html.Text(Path.GetFileName(l))}</a>")) + "</p>\n";
    }

    /// <summary>A stage of this section that failed: its message here too (the run summary has the stack trace).</summary>
    private static string FailureNote(StageExecution st) => st.Status switch
    {
        "failed" => $"<div class=\"warning stage-failed\" data-stage=\"{Html.Attr(st.StageId)}\"><strong>{Html.Text(st.StageId)} failed</strong>: {Html.Text(st.Error ?? st.Description)} (see the run summary)</div>\n",
        "skipped" => $"<p class=\"muted\">{Html.Text(st.StageId)} was skipped: {Html.Text(st.Description)}</p>\n",
        _ => "",
    };

    private string? ResultPath(StageExecution st, string output) =>
        st.Results.TryGetValue(output, out var rel) && rel.EndsWith(".parquet", StringComparison.Ordinal) && File.Exists(Path.Combine(run.RunDirectory, rel))
            ? Path.Combine(run.RunDirectory, rel) : null;

    private static string Sql(string path) => path.Replace("'", "''", StringComparison.Ordinal);

    private static string ConfidencePercent(StageExecution ev) =>
        double.TryParse(ev.Parameters.GetValueOrDefault("confidence_level"), NumberStyles.Float, CultureInfo.InvariantCulture, out double level)
            ? (level * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "95 %";

    /// <summary>A column's numbers whatever its stored type (int or double, nullable or not).</summary>
    private static double?[] Numbers(Table t, string column) => t.Contains(column) ? Html.Cells(t, t[column]).Value : new double?[t.RowCount];

    private static JsonArray Json(IEnumerable<double?> values) => Numbers(values);

    private static string Threshold(double t) => double.IsNegativeInfinity(t) ? "−∞" : double.IsPositiveInfinity(t) ? "+∞" : t.ToString("0.####", CultureInfo.InvariantCulture);

    private static JsonObject Diagonal(string name) => new()
    {
        ["type"] = "scatter", ["mode"] = "lines", ["name"] = name, ["x"] = new JsonArray(0, 1), ["y"] = new JsonArray(0, 1),
        ["line"] = new JsonObject { ["color"] = "#a0aec0", ["dash"] = "dot" }, ["hoverinfo"] = "skip",
    };
}
