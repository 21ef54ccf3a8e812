using Radiogenomics.Engine.Stages;
using Radiogenomics.Plotting;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>survive.evaluate</c>: how well risk scores predict survival, as R's riskRegression / pec / survival compute it:
/// cumulative/dynamic AUC at chosen times with IPCW (Score's "km" censoring model), Harrell's C (overall and up to τ,
/// with its jackknife SE) and Uno's IPCW C up to τ, and — for a Cox linear predictor — the IPCW Brier score at each
/// time and pec's integrated Brier score up to τ. Reads the <c>risk</c> table of survive.cox (patient_id, time, event, risk)
/// or a <c>predictions</c> table of held-out risks (patient_id, fold, risk, time, event: survive.lasso, survive.deepsurv),
/// pooled over the folds.
/// </summary>
public sealed class SurviveEvaluateStage : TableStageKind<SurviveEvaluateOptions>
{
    public override string Name => "survive.evaluate";
    public override int Version => 2;
    public override string Summary => "Time-dependent AUC (IPCW, riskRegression::Score), Harrell's and Uno's C, Brier and integrated Brier scores (pec) of risk scores.";
    public override IReadOnlyList<string> Consumes => [];
    public override IReadOnlyList<string> OptionalConsumes => ["risk", "predictions"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("td_auc", "one row per marker and time: model, time, auc, cases (events by t), controls (event-free after t)"),
        new("concordance", "one row per marker: model, tau, harrell, harrell_se, harrell_tau, harrell_tau_se, uno_tau"),
        new("brier", "one row per time for the Cox marker: model, time, brier; then the integrated score over [0, τ] as time = τ, kind = integrated"),
        new("td_roc", "cumulative/dynamic ROC curves (riskRegression::Score's ROC): model, time, threshold, tpr, fpr, one row per distinct marker value, highest first"),
        .. FigureOutputs.Specs("roc_plot", "time-dependent ROC curves, one per marker and time, with their AUC"),
    ];

    public override Task RunAsync(StageContext context, SurviveEvaluateOptions options, CancellationToken cancellationToken)
    {
        bool hasRisk = context.HasInput("risk"), hasPredictions = context.HasInput("predictions");
        if (hasRisk == hasPredictions)
            throw new DataProblemException("params", "needs", hasRisk ? "give both a risk and a predictions table" : "give neither a risk nor a predictions table",
                "need one stage that writes risk scores (survive.cox's risk, or survive.lasso / survive.deepsurv predictions), or bind one, e.g. inputs: {predictions: lasso.predictions}");
        string tableName = hasRisk ? "risk table" : "predictions table";
        var table = ParquetFile.Read(context.Input(hasRisk ? "risk" : "predictions"));
        foreach (var column in new[] { "patient_id", "time", "event" }.Concat(options.Markers))
            if (!table.Contains(column))
                throw new DataProblemException(tableName, "header", $"has no column '{column}'", $"use survive.cox's risk or a survive.lasso / survive.deepsurv predictions output, or set markers to some of: {string.Join(", ", table.ColumnNames)}");
        var time = SurvivalCovariates.Numbers(table, "time");
        var status = SurvivalCovariates.Numbers(table, "event").Select(v => (int)v).ToArray();
        if (status.All(s => s == 0)) throw new DataProblemException(tableName, "column 'event'", "has no events", "evaluate on patients with events");
        var times = options.Times.Count > 0 ? options.Times.Order().ToArray()
            : RQuantile.Type7(time.Where((_, i) => status[i] == 1).ToArray(), 0.25, 0.5, 0.75).Distinct().ToArray();
        double tau = options.Tau > 0 ? options.Tau : times[^1];

        var auc = new List<(string Model, double Time, double Auc, int Cases, int Controls)>();
        var roc = new List<(string Model, double Time, TimeDependentRocPoint Point)>();
        var concordance = new List<(string Model, ConcordanceResult All, ConcordanceResult ToTau, double Uno)>();
        foreach (var marker in options.Markers)
        {
            var values = SurvivalCovariates.Numbers(table, marker);
            var keep = Enumerable.Range(0, values.Length).Where(i => double.IsFinite(values[i])).ToArray();
            if (keep.Length < values.Length) context.Log($"{marker}: {values.Length - keep.Length} patients without a value left out");
            var t = keep.Select(i => time[i]).ToArray();
            var s = keep.Select(i => status[i]).ToArray();
            var m = keep.Select(i => values[i]).ToArray();
            foreach (double at in times)
                roc.AddRange(TimeDependentRoc.At(t, s, m, at).Select(point => (marker, at, point)));
            foreach (double at in times)
                auc.Add((marker, at, TimeDependentAuc.At(t, s, m, at), Enumerable.Range(0, t.Length).Count(i => t[i] <= at && s[i] == 1), t.Count(x => x > at)));
            var sample = new SurvivalSample(t, s);
            concordance.Add((marker, HarrellConcordance.Compute(sample, m), HarrellConcordance.Compute(sample, m, tau), UnoConcordance.Compute(t, s, m, tau)));
        }
        ParquetFile.Write(new Table()
            .Add("model", auc.Select(a => (string?)a.Model).ToArray())
            .Add("time", auc.Select(a => a.Time).ToArray())
            .Add("auc", auc.Select(a => double.IsFinite(a.Auc) ? a.Auc : (double?)null).ToArray())
            .Add("cases", auc.Select(a => a.Cases).ToArray())
            .Add("controls", auc.Select(a => a.Controls).ToArray()), context.Output("td_auc"));
        ParquetFile.Write(new Table()
            .Add("model", concordance.Select(c => (string?)c.Model).ToArray())
            .Add("tau", concordance.Select(_ => tau).ToArray())
            .Add("harrell", concordance.Select(c => c.All.Concordance).ToArray())
            .Add("harrell_se", concordance.Select(c => c.All.StandardError).ToArray())
            .Add("harrell_tau", concordance.Select(c => c.ToTau.Concordance).ToArray())
            .Add("harrell_tau_se", concordance.Select(c => c.ToTau.StandardError).ToArray())
            .Add("uno_tau", concordance.Select(c => c.Uno).ToArray()), context.Output("concordance"));

        ParquetFile.Write(new Table()
            .Add("model", roc.Select(r => (string?)r.Model).ToArray())
            .Add("time", roc.Select(r => r.Time).ToArray())
            .Add("threshold", roc.Select(r => r.Point.Threshold).ToArray())
            .Add("tpr", roc.Select(r => r.Point.TruePositiveRate).ToArray())
            .Add("fpr", roc.Select(r => r.Point.FalsePositiveRate).ToArray()), context.Output("td_roc"));
        var chart = new LineChart { Title = "Cumulative/dynamic ROC (IPCW)", XLabel = "1 − specificity (event-free after t)", YLabel = "sensitivity (event by t)",
            Width = 560, Height = 520, XMin = 0, XMax = 1, YMin = 0, YMax = 1, DiagonalReference = true, Legend = LegendPosition.BottomRight };
        foreach (var curve in roc.GroupBy(r => (r.Model, r.Time)))
        {
            double area = auc.First(a => a.Model == curve.Key.Model && a.Time == curve.Key.Time).Auc;
            string name = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{(options.Markers.Count > 1 ? curve.Key.Model + ", " : "")}t = {curve.Key.Time:0.##} (AUC {area:0.000})");
            chart.Add(new LineSeries(name, curve.Select(r => r.Point.FalsePositiveRate).Prepend(0).ToArray(), curve.Select(r => r.Point.TruePositiveRate).Prepend(0).ToArray()));
        }
        foreach (var path in FigureOutputs.Paths(context, "roc_plot")) chart.Save(path);

        var brier = new Table();
        if (options.CoxMarker.Length > 0)
        {
            if (!table.Contains(options.CoxMarker)) throw new DataProblemException(tableName, "header", $"has no column '{options.CoxMarker}'", "set cox_marker to the linear predictor's column, or empty for no Brier score");
            var lp = SurvivalCovariates.Numbers(table, options.CoxMarker);
            var prediction = new CoxPrediction(time, status, lp);
            var scores = times.Select(at => BrierScore.At(time, status, prediction.Survival(at), at)).ToList();
            var (integrated, _) = BrierScore.IntegratedCox(time, status, lp, tau);
            brier.Add("model", Enumerable.Repeat((string?)options.CoxMarker, times.Length + 1).ToArray())
                .Add("kind", times.Select(_ => (string?)"brier").Append("integrated").ToArray())
                .Add("time", times.Append(tau).ToArray())
                .Add("brier", scores.Append(integrated).ToArray());
        }
        else brier.Add("model", Array.Empty<string?>()).Add("kind", Array.Empty<string?>()).Add("time", Array.Empty<double>()).Add("brier", Array.Empty<double>());
        ParquetFile.Write(brier, context.Output("brier"));

        var first = concordance[0];
        context.Record("harrell_c", first.All.Concordance);
        context.Record("uno_c", first.Uno);
        context.Report(1.0, $"{first.Model}: Harrell's C {first.All.Concordance:0.###}, Uno's C(τ = {tau:0.##}) {first.Uno:0.###}; AUC {string.Join(", ", auc.Where(a => a.Model == first.Model).Select(a => $"{a.Time:0.##}: {a.Auc:0.###}"))}");
        return Task.CompletedTask;
    }
}
