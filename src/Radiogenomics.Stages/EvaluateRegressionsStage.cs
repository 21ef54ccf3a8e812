using System.Globalization;
using Radiogenomics.Data;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Plotting;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>evaluate.regressions</c>: held-out predictions of regression models (the predictions of predict.* stages, bound as
/// <c>predictions</c>, <c>predictions_2</c> … <c>predictions_8</c>) scored as Smedley &amp; Hsu (2018) scored theirs: per
/// target and model MAE and MAPE, the paired Wilcoxon signed-rank test of each model's absolute errors against the
/// reference model's on the same patients, Bonferroni-corrected across targets; a table like their Table 2 and bars
/// like their Fig. 3. The training-fold mean of each target is added as the chance-level model.
/// </summary>
public sealed class EvaluateRegressionsStage : TableStageKind<EvaluateRegressionsOptions>
{
    private const string MeanModel = "training_mean";
    private static readonly string[] Slots = ["predictions", .. Enumerable.Range(2, 7).Select(i => $"predictions_{i}")];

    public override string Name => "evaluate.regressions";
    public override int Version => 1;
    public override string Summary => "MAE/MAPE of regression models' held-out predictions per target, paired Wilcoxon tests against a reference with Bonferroni correction.";
    public override IReadOnlyList<string> OptionalConsumes => Slots;

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("metrics", "per target and model: n, mae, mape (percent, over observed ≠ 0), mape_n, r and its p (Pearson, observed vs predicted)"),
        new("comparisons", "per target and model other than the reference: n, v, p (paired Wilcoxon of absolute errors, model vs reference), exact, p_bonferroni (across targets), mae, mae_reference"),
        new("table", "one row per target: mae_<model> and mape_<model> for every model, p_<model> (Bonferroni) for every model compared with the reference"),
        .. FigureOutputs.Specs("errors", "per target and model the MAE relative to the training-fold mean's (MAPE without it); * where a comparison with the reference is significant after Bonferroni"),
    ];

    public override Task RunAsync(StageContext context, EvaluateRegressionsOptions options, CancellationToken cancellationToken)
    {
        var rows = new List<RegressionPrediction>();
        foreach (var slot in Slots.Where(context.HasInput)) rows.AddRange(RegressionPredictions.Read(context.Input(slot), $"{slot} table"));
        if (rows.Count == 0)
            throw new DataProblemException(context.StageId, "needs", "no predictions are bound", "bind predict stages' outputs: inputs: {predictions: <stage>.predictions, predictions_2: …}");
        var models = rows.Select(r => r.Model).Distinct().ToList();
        var targets = rows.Select(r => r.Target).Distinct().ToList();
        var byKey = new Dictionary<(string Model, string Target), Dictionary<string, RegressionPrediction>>();
        foreach (var r in rows)
        {
            if (!byKey.TryGetValue((r.Model, r.Target), out var d)) byKey[(r.Model, r.Target)] = d = new(StringComparer.Ordinal);
            if (!d.TryAdd(r.PatientId, r))
                throw new DataProblemException("predictions", $"model '{r.Model}', target '{r.Target}', patient '{r.PatientId}'", "appears twice", "bind each predict stage once, with distinct model names");
        }
        if (options.MeanBaseline && !models.Contains(MeanModel))
        {
            // The mean of the other folds' observed values: what a model that learnt nothing predicts.
            foreach (var target in targets)
            {
                var all = byKey[(models.First(m => byKey.ContainsKey((m, target))), target)].Values.ToList();
                var mean = new Dictionary<string, RegressionPrediction>(StringComparer.Ordinal);
                foreach (var r in all)
                {
                    var others = all.Where(o => o.Fold != r.Fold).ToList();
                    if (others.Count > 0) mean[r.PatientId] = r with { Predicted = others.Average(o => o.Observed), Model = MeanModel };
                }
                byKey[(MeanModel, target)] = mean;
            }
            models.Add(MeanModel);
        }
        string reference = options.Reference.Length > 0 ? options.Reference : models[0];
        if (!models.Contains(reference))
            throw new DataProblemException(context.StageId, "reference", $"names model '{reference}', which no bound predictions hold", $"name one of {string.Join(", ", models)}");

        WriteMetrics(context.Output("metrics"), models, targets, byKey, out var mae, out var mape);
        var comparisons = Compare(models, targets, byKey, reference);
        WriteComparisons(context.Output("comparisons"), comparisons, reference);
        WriteTable(context.Output("table"), models, targets, mae, mape, comparisons, reference);

        // Fig. 3's bars on one scale for targets of any unit: MAE relative to the training-mean predictor's (1 = chance),
        // cut at 2 (taller bars labelled); MAPE when there is no chance-level model.
        bool relative = models.Contains(MeanModel);
        var chart = new BarChart(targets)
        {
            Title = relative ? "Held-out MAE relative to the training-fold mean" : "Held-out error per target",
            YLabel = relative ? "MAE / MAE of the training mean" : "MAPE (%)",
            YMax = relative ? 2 : null, ReferenceLine = relative ? 1 : null,
        };
        foreach (var m in models.Where(m => !relative || m != MeanModel))
            chart.Add(m, targets.Select(t => relative
                ? (mae.TryGetValue((m, t), out var e) && mae.TryGetValue((MeanModel, t), out var chance) && chance > 0 ? e / chance : double.NaN)
                : mape.GetValueOrDefault((m, t), double.NaN)).ToArray());
        for (int t = 0; t < targets.Count; t++)
            if (comparisons.Any(c => c.Target == targets[t] && c.PBonferroni < options.SignificanceLevel)) chart.Mark(t, "*");
        foreach (var path in FigureOutputs.Paths(context, "errors")) chart.Save(path);

        foreach (var m in models)
        {
            var values = targets.Where(t => mae.ContainsKey((m, t))).ToList();
            context.Headline(string.Format(CultureInfo.InvariantCulture, "{0}: mean MAPE {1:0.0}% over {2} target(s){3}", m,
                values.Select(t => mape[(m, t)]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(), values.Count, m == reference ? " (reference)" : ""));
        }
        context.Record("models", models.Count);
        context.Record("targets", targets.Count);
        context.Record("reference", reference);
        return Task.CompletedTask;
    }

    private sealed record Comparison(string Target, string Model, int N, double V, double P, bool Exact, double PBonferroni, double Mae, double MaeReference);

    private static void WriteMetrics(string path, List<string> models, List<string> targets,
        Dictionary<(string, string), Dictionary<string, RegressionPrediction>> byKey,
        out Dictionary<(string, string), double> mae, out Dictionary<(string, string), double> mape)
    {
        mae = new(); mape = new();
        var t = new List<string?>(); var m = new List<string?>(); var n = new List<int>(); var maeCol = new List<double>(); var mapeCol = new List<double?>();
        var mapeN = new List<int>(); var r = new List<double?>(); var rp = new List<double?>();
        foreach (var target in targets)
            foreach (var model in models)
            {
                if (!byKey.TryGetValue((model, target), out var d) || d.Count == 0) continue;
                var obs = d.Values.Select(v => v.Observed).ToArray();
                var pred = d.Values.Select(v => v.Predicted).ToArray();
                double e = RegressionErrors.MeanAbsoluteError(obs, pred);
                var (pe, count) = RegressionErrors.MeanAbsolutePercentError(obs, pred);
                mae[(model, target)] = e;
                mape[(model, target)] = pe;
                bool varies = obs.Distinct().Count() > 1 && pred.Distinct().Count() > 1 && obs.Length > 2;
                var test = varies ? PearsonCorrelation.Test(obs, pred) : default;
                t.Add(target); m.Add(model); n.Add(obs.Length); maeCol.Add(e); mapeCol.Add(double.IsNaN(pe) ? null : pe); mapeN.Add(count);
                r.Add(varies ? test.Estimate : null); rp.Add(varies ? test.PValue : null);
            }
        ParquetFile.Write(new Table().Add("target", t.ToArray()).Add("model", m.ToArray()).Add("n", n.ToArray()).Add("mae", maeCol.ToArray())
            .Add("mape", mapeCol.ToArray()).Add("mape_n", mapeN.ToArray()).Add("r", r.ToArray()).Add("r_p", rp.ToArray()), path);
    }

    private static List<Comparison> Compare(List<string> models, List<string> targets,
        Dictionary<(string, string), Dictionary<string, RegressionPrediction>> byKey, string reference)
    {
        var list = new List<Comparison>();
        foreach (var model in models.Where(m => m != reference))
        {
            var raw = new List<(string Target, int N, WilcoxonSignedRankResult? Test, double Mae, double MaeRef)>();
            foreach (var target in targets)
            {
                if (!byKey.TryGetValue((model, target), out var a) || !byKey.TryGetValue((reference, target), out var b)) continue;
                var common = a.Keys.Where(b.ContainsKey).OrderBy(k => k, StringComparer.Ordinal).ToArray();
                if (common.Length == 0) continue;
                var obs = common.Select(k => a[k].Observed).ToArray();
                var pa = common.Select(k => a[k].Predicted).ToArray();
                var pb = common.Select(k => b[k].Predicted).ToArray();
                WilcoxonSignedRankResult? test;
                try { test = RegressionErrors.CompareAbsoluteErrors(obs, pa, pb); }
                catch (ArgumentException) { test = null; } // identical errors: no test
                raw.Add((target, common.Length, test, RegressionErrors.MeanAbsoluteError(obs, pa), RegressionErrors.MeanAbsoluteError(obs, pb)));
            }
            var adjusted = RegressionErrors.Bonferroni(raw.Select(x => x.Test?.PValue ?? double.NaN).ToArray());
            for (int i = 0; i < raw.Count; i++)
                list.Add(new Comparison(raw[i].Target, model, raw[i].N, raw[i].Test?.Statistic ?? double.NaN, raw[i].Test?.PValue ?? double.NaN,
                    raw[i].Test?.Exact ?? false, adjusted[i], raw[i].Mae, raw[i].MaeRef));
        }
        return list;
    }

    private static void WriteComparisons(string path, List<Comparison> c, string reference) =>
        ParquetFile.Write(new Table()
            .Add("target", c.Select(x => (string?)x.Target).ToArray())
            .Add("model", c.Select(x => (string?)x.Model).ToArray())
            .Add("reference", c.Select(_ => (string?)reference).ToArray())
            .Add("n", c.Select(x => x.N).ToArray())
            .Add("v", c.Select(x => Finite(x.V)).ToArray())
            .Add("p", c.Select(x => Finite(x.P)).ToArray())
            .Add("exact", c.Select(x => x.Exact).ToArray())
            .Add("p_bonferroni", c.Select(x => Finite(x.PBonferroni)).ToArray())
            .Add("mae", c.Select(x => x.Mae).ToArray())
            .Add("mae_reference", c.Select(x => x.MaeReference).ToArray()), path);

    private static void WriteTable(string path, List<string> models, List<string> targets, Dictionary<(string, string), double> mae,
        Dictionary<(string, string), double> mape, List<Comparison> comparisons, string reference)
    {
        var table = new Table().Add("target", targets.Select(t => (string?)t).ToArray());
        foreach (var m in models)
        {
            table.Add($"mae_{m}", targets.Select(t => mae.TryGetValue((m, t), out var v) ? v : (double?)null).ToArray());
            table.Add($"mape_{m}", targets.Select(t => mape.TryGetValue((m, t), out var v) && double.IsFinite(v) ? v : (double?)null).ToArray());
        }
        foreach (var m in models.Where(m => m != reference))
            table.Add($"p_{m}", targets.Select(t => comparisons.FirstOrDefault(c => c.Model == m && c.Target == t) is { } c ? Finite(c.PBonferroni) : null).ToArray());
        ParquetFile.Write(table, path);
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
