using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Report.Tests;

/// <summary>
/// The classifier and survival sections of real archived runs: present when the run has the stages, plots built from
/// the stages' own tables (the numbers in the page equal the tables'), ROC curves at pROC's thresholds, the leaky badge,
/// and a failed classify stage reported in a report that still has everything else.
/// </summary>
[Collection(SmallRunsCollection.Name)]
public sealed partial class OutcomeSectionTests(OutcomeRuns runs)
{
    private string ClassifyRun => runs.Classify.RunDirectory!;
    private string SurviveRun => runs.Survive.RunDirectory!;

    private static Table Result(string run, string stage, string output) => ParquetFile.Read(Path.Combine(run, "results", stage, output + ".parquet"));

    /// <summary>The JSON spec (data and layout) the page holds for one plot div.</summary>
    internal static JsonNode Spec(string html, string plotId)
    {
        var m = Regex.Match(html, $"<script type=\"application/json\" id=\"spec-{Regex.Escape(plotId)}\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no plot {plotId}");
        Assert.Contains($"<div class=\"plot\" id=\"{plotId}\"", html);
        return JsonNode.Parse(m.Groups[1].Value.Replace("<\\/", "</", StringComparison.Ordinal))!;
    }

    private static double[] Doubles(JsonNode? array) => array!.AsArray().Select(v => (double)v!).ToArray();

    private static List<string> Sections(string html) => SectionIds().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public void TheRunsHaveWhatTheTestsNeed()
    {
        foreach (var stage in new[] { "rad", "rad_leaky", "nomo", "evaluate" }) Assert.Equal(StageStatus.Executed, runs.Classify[stage].Status);
        Assert.Equal(StageStatus.Failed, runs.Classify["bad_label"].Status);
        Assert.True(runs.Survive.Succeeded, string.Join("; ", runs.Survive.Stages.Select(s => $"{s.StageId}: {s.Error}")));
    }

    [Fact]
    public void TheSectionsFollowTheStages()
    {
        Assert.Equal(["summary", "dag", "classify"], Sections(RunReportPage.Render(ClassifyRun)));
        Assert.Equal(["summary", "dag", "survival"], Sections(RunReportPage.Render(SurviveRun)));
    }

    [Fact]
    public void RocCurvesArePROCsCurvesOfThePredictionsWithTheStagesAucAndCiInTheLegend()
    {
        string html = RunReportPage.Render(ClassifyRun);
        var traces = Spec(html, "evaluate-roc")["data"]!.AsArray();
        var auc = Result(ClassifyRun, "evaluate", "auc");
        var models = auc.GetStrings("model");
        Assert.Equal(["rad", "rad_leaky", "nomo"], models);
        Assert.Equal(models.Length + 1, traces.Count); // and the chance diagonal
        for (int i = 0; i < models.Length; i++)
        {
            var trace = traces[i]!;
            double a = auc.GetDoubles("auc")[i];
            bool leaky = auc.GetBools("leaky")[i];
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{models[i]}: AUC {a:0.000} ({auc.GetNullableDoubles("ci_lower")[i]:0.000}–{auc.GetNullableDoubles("ci_upper")[i]:0.000})") + (leaky ? " LEAKY" : ""),
                (string)trace["name"]!);
            Assert.Contains(WebUtility.HtmlEncode($"{models[i]}: AUC {a.ToString("0.000", CultureInfo.InvariantCulture)}"), WebUtility.HtmlEncode(html), StringComparison.Ordinal);

            // the points are pROC's curve of the predictions the stage read …
            var predictions = Result(ClassifyRun, models[i]!, "predictions");
            var labelled = Enumerable.Range(0, predictions.RowCount).Where(r => predictions.GetNullableInt32s("label")[r] is not null).ToArray();
            var curve = Roc.Curve(labelled.Select(r => predictions.GetDoubles("score")[r]).ToArray(), labelled.Select(r => (double)predictions.GetNullableInt32s("label")[r]!.Value).ToArray()).Reverse().ToList();
            Assert.Equal(curve.Select(p => 1 - p.Specificity), Doubles(trace["x"]));
            Assert.Equal(curve.Select(p => p.Sensitivity), Doubles(trace["y"]));
            Assert.Equal(curve.Select(p => p.Specificity), Doubles(trace["customdata"]));
            var text = trace["text"]!.AsArray();
            Assert.Equal("−∞", (string)text[text.Count - 1]!);
            // … and the area under the drawn curve (trapezoids) is the AUC the stage wrote
            var x = Doubles(trace["x"]);
            var y = Doubles(trace["y"]);
            double area = Enumerable.Range(1, x.Length - 1).Sum(k => (x[k] - x[k - 1]) * (y[k] + y[k - 1]) / 2);
            Assert.Equal(a, area, 12);
            Assert.Equal(leaky ? "dash" : "solid", (string)trace["line"]!["dash"]!);
        }
        Assert.Contains("href=\"results/evaluate/roc_svg.svg\"", html);
        Assert.Contains("href=\"results/evaluate/roc.png\"", html);
    }

    [Fact]
    public void CalibrationDecisionCurvesComparisonsAndCutOffMetricsAreTheStagesNumbers()
    {
        string html = RunReportPage.Render(ClassifyRun);

        var calibration = Result(ClassifyRun, "evaluate", "calibration");
        var calibrationTraces = Spec(html, "evaluate-calibration")["data"]!.AsArray();
        var rows = Enumerable.Range(0, calibration.RowCount).Where(r => calibration.GetStrings("model")[r] == "rad").ToArray();
        var rad = calibrationTraces.First(t => ((string)t!["name"]!).StartsWith("rad (", StringComparison.Ordinal))!;
        Assert.Equal($"rad (Hosmer–Lemeshow p {Html.Number(calibration.GetNullableDoubles("p")[rows[0]]!.Value)})", (string)rad["name"]!);
        Assert.Equal(rows.Select(r => calibration.GetNullableDoubles("mean_predicted")[r]!.Value), Doubles(rad["x"]));
        Assert.Equal(rows.Select(r => calibration.GetNullableDoubles("observed_rate")[r]!.Value), Doubles(rad["y"]));

        var decision = Result(ClassifyRun, "evaluate", "decision_curve");
        var decisionTraces = Spec(html, "evaluate-decision")["data"]!.AsArray();
        var nomoRows = Enumerable.Range(0, decision.RowCount).Where(r => decision.GetStrings("model")[r] == "nomo").ToArray();
        var nomo = decisionTraces.First(t => (string)t!["name"]! == "nomo")!;
        Assert.Equal(nomoRows.Select(r => decision.GetDoubles("net_benefit")[r]), Doubles(nomo["y"]));
        Assert.Equal(nomoRows.Select(r => decision.GetDoubles("threshold")[r]), Doubles(nomo["x"]));
        // the three models share patients and label, so one treat-all line (the stage's) and treat-none at 0
        var all = decisionTraces.Single(t => ((string)t!["name"]!).StartsWith("treat all", StringComparison.Ordinal))!;
        Assert.Equal(nomoRows.Select(r => decision.GetDoubles("treat_all")[r]), Doubles(all["y"]));
        Assert.Equal([0.0, 0.0], Doubles(decisionTraces.Single(t => (string)t!["name"]! == "treat none")!["y"]));

        // the paired DeLong table (sortable: class data) holds the stage's p; rad and nomo compared, the leaky model not
        var comparisons = Result(ClassifyRun, "evaluate", "comparisons");
        string table = Regex.Match(html, "<table class=\"data\" id=\"evaluate-comparisons\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(["rad"], comparisons.GetStrings("model_a"));
        Assert.Equal(["nomo"], comparisons.GetStrings("model_b"));
        Assert.Contains($"data-v=\"{comparisons.GetNullableDoubles("p")[0]!.Value.ToString("R", CultureInfo.InvariantCulture)}\"", table);

        // the cut-off metrics: the pooled rows (fold null) of the thresholds table, every accuracy in the page
        var thresholds = Result(ClassifyRun, "evaluate", "thresholds");
        string cutoff = Regex.Match(html, "<table class=\"data\" id=\"evaluate-cutoff\">.*?</table>", RegexOptions.Singleline).Value;
        var pooled = Enumerable.Range(0, thresholds.RowCount).Where(r => thresholds.GetNullableInt32s("fold")[r] is null).ToArray();
        Assert.Equal(3, pooled.Length);
        Assert.Equal(3, Regex.Matches(cutoff, "<tr>").Count - 1);
        foreach (var r in pooled)
            Assert.Contains($"data-v=\"{thresholds.GetNullableDoubles("accuracy")[r]!.Value.ToString("R", CultureInfo.InvariantCulture)}\"", cutoff);

        // the permutation control: the real AUC (permutation 0) as the dashed line, the shuffles as bars summing to their count
        var permutation = Result(ClassifyRun, "rad", "permutation");
        var permutationTraces = Spec(html, "evaluate-permutation")["data"]!.AsArray();
        double real = permutation.GetDoubles("auc")[permutation.GetInt32s("permutation").ToList().IndexOf(0)];
        Assert.Equal([real, real], Doubles(permutationTraces.Single(t => (string)t!["type"]! == "scatter")!["x"]));
        Assert.Equal(permutation.RowCount - 1, Doubles(permutationTraces.Single(t => (string)t!["type"]! == "bar")!["y"]).Sum());
        Assert.Contains("id=\"evaluate-permutation-test\"", html);
    }

    [Fact]
    public void TheLeakyModelGetsTheBadgeAndTheNomogramItsFigure()
    {
        string html = RunReportPage.Render(ClassifyRun);
        var badges = Regex.Matches(html, "<h3 data-stage=\"([^\"]+)\">[^\n]*?badge bad leaky").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["rad_leaky"], badges);
        Assert.Contains("data-output=\"nomo/nomogram\"", html);
        Assert.Matches("<figure data-output=\"nomo/nomogram\"><img alt=\"[^\"]*\" src=\"data:image/svg\\+xml;base64,", html);
        Assert.Contains("id=\"nomo-coefficients\"", html);
        Assert.Contains("id=\"nomo-points\"", html);
        Assert.Contains("id=\"nomo-axes\"", html);
        // every classify stage's metrics side by side: the rad column holds rad's AUC, the failed stage has no column
        var metrics = Result(ClassifyRun, "rad", "metrics");
        double radAuc = metrics.GetNullableDoubles("value")[metrics.GetStrings("metric").ToList().IndexOf("auc")]!.Value;
        string side = Regex.Match(html, "<table class=\"data\" id=\"classify-metrics\">.*?</table>", RegexOptions.Singleline).Value;
        var header = Regex.Matches(Regex.Match(side, "<thead>.*?</thead>").Value, "<th title=\"[^\"]*\">(.*?)</th>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["metric", "rad", "rad_leaky", "nomo"], header);
        var aucRow = Regex.Match(side, "<tr><td>auc</td>(.*?)</tr>").Groups[1].Value;
        Assert.Equal(radAuc.ToString("R", CultureInfo.InvariantCulture), Regex.Matches(aucRow, "data-v=\"([^\"]*)\"")[0].Groups[1].Value);
        Assert.Contains("id=\"rad-metrics\"", html);
        Assert.DoesNotContain("id=\"figures\"", html); // every figure the stages drew is in the section (shown or linked)
    }

    [Fact]
    public void AFailedClassifyStageIsShownAndTheRestOfTheReportStays()
    {
        string html = RunReportPage.Render(ClassifyRun);
        string error = runs.Classify["bad_label"].Error!;
        Assert.Contains("no_such_column", error);
        Assert.Contains("<span class=\"badge bad\">failed</span>", html);
        Assert.Matches("<div class=\"failure\" data-stage=\"bad_label\">", html);
        var note = Regex.Match(html, "<div class=\"warning stage-failed\" data-stage=\"bad_label\">(.*?)</div>", RegexOptions.Singleline);
        Assert.True(note.Success, "no failure note in the classify section");
        Assert.Contains(WebUtility.HtmlEncode(error), note.Value);
        Assert.Contains("id=\"evaluate-roc\"", html);
    }

    [Fact]
    public void KaplanMeierCurvesRiskTableAndLogRankAreTheStagesNumbers()
    {
        string html = RunReportPage.Render(SurviveRun);
        var spec = Spec(html, "km-km");
        var km = Result(SurviveRun, "km", "km");
        var strata = km.GetStrings("strata");
        var curves = spec["data"]!.AsArray().Where(t => (string)t!["mode"]! == "lines").ToList();
        Assert.Equal(strata.Distinct(), curves.Select(t => (string)t!["name"]!));
        foreach (var trace in curves)
        {
            var rows = Enumerable.Range(0, km.RowCount).Where(r => strata[r] == (string)trace!["name"]!).OrderBy(r => km.GetDoubles("time")[r]).ToArray();
            Assert.Equal(rows.Select(r => km.GetDoubles("surv")[r]).Prepend(1.0), Doubles(trace!["y"]));
            Assert.Equal(rows.Select(r => km.GetDoubles("time")[r]).Prepend(0.0), Doubles(trace["x"]));
            Assert.Equal("hv", (string)trace["line"]!["shape"]!);
        }
        Assert.Equal("days", (string)spec["layout"]!["xaxis"]!["title"]!["text"]!);

        var logrank = Result(SurviveRun, "km", "logrank");
        string test = ReportComposer.LogRank(logrank.GetDoubles("chisq")[0], logrank.GetInt32s("df")[0], logrank.GetDoubles("p")[0]);
        Assert.Contains($"p = {Html.Number(logrank.GetDoubles("p")[0])}", test);
        Assert.EndsWith(test, (string)spec["layout"]!["title"]!["text"]!);

        // the number at risk under the plot: one row per group, one column per chosen time, the stage's counts
        var at = Result(SurviveRun, "km", "at_times");
        string table = Regex.Match(html, "<table class=\"risk-table\" id=\"km-at-risk\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Contains("<th class=\"num\">1500</th>", table);
        foreach (var group in at.GetStrings("group").Distinct())
        {
            var cells = Regex.Match(table, $"<tr><th>{Regex.Escape(WebUtility.HtmlEncode(group!))}</th>(.*?)</tr>").Groups[1].Value;
            var counts = Regex.Matches(cells, "<td class=\"num\">([^<]*)</td>").Select(m => m.Groups[1].Value).ToList();
            var expected = Enumerable.Range(0, at.RowCount).Where(r => at.GetStrings("group")[r] == group).OrderBy(r => at.GetDoubles("time")[r])
                .Select(r => at.GetInt32s("n_risk")[r].ToString(CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(expected, counts);
        }
        Assert.Contains("href=\"results/km/plot_svg.svg\"", html);
    }

    [Fact]
    public void CoxHazardRatiosForestPlotAndTimeDependentRocAreTheStagesNumbers()
    {
        string html = RunReportPage.Render(SurviveRun);
        var coefficients = Result(SurviveRun, "cox", "coefficients");
        Assert.Equal(["f0", "age"], coefficients.GetStrings("term"));
        string table = Regex.Match(html, "<table class=\"data\" id=\"cox-coefficients\">.*?</table>", RegexOptions.Singleline).Value;
        for (int i = 0; i < coefficients.RowCount; i++)
        {
            string hr = string.Create(CultureInfo.InvariantCulture, $"{coefficients.GetDoubles("hr")[i]:0.00} [{coefficients.GetDoubles("hr_lower95")[i]:0.00}, {coefficients.GetDoubles("hr_upper95")[i]:0.00}]");
            Assert.Contains($"<td>{coefficients.GetStrings("term")[i]}</td><td>{hr}</td>", table);
        }
        var tests = Result(SurviveRun, "cox", "tests");
        Assert.Contains($"C-index (Harrell) <strong>{Html.Number(tests.GetDoubles("concordance")[0])}</strong>", html);

        // forest plot: the model's hazard ratios, then the exposure's per ER level, CI as asymmetric error bars
        var forest = Spec(html, "cox-forest");
        var traces = forest["data"]!.AsArray();
        Assert.Equal(coefficients.GetDoubles("hr"), Doubles(traces[0]!["x"]));
        Assert.Equal(coefficients.GetDoubles("hr_upper95").Zip(coefficients.GetDoubles("hr"), (u, h) => u - h), Doubles(traces[0]!["error_x"]!["array"]));
        var subgroups = Result(SurviveRun, "cox", "subgroups");
        Assert.Equal(["Negative", "Positive"], subgroups.GetStrings("level").Order());
        Assert.Equal(subgroups.GetNullableDoubles("hr").Select(v => v!.Value), Doubles(traces[1]!["x"]));
        Assert.Equal("log", (string)forest["layout"]!["xaxis"]!["type"]!);
        Assert.Contains("href=\"results/cox/forest_svg.svg\"", html);

        // td-ROC: one curve per marker and time, the stage's points, the td-AUC in the legend
        var tdAuc = Result(SurviveRun, "td", "td_auc");
        var roc = Result(SurviveRun, "td", "td_roc");
        var curves = Spec(html, "td-td-roc")["data"]!.AsArray().Where(t => (string)t!["name"]! != "chance").ToList();
        Assert.Equal(tdAuc.RowCount, curves.Count);
        for (int i = 0; i < tdAuc.RowCount; i++)
        {
            string model = tdAuc.GetStrings("model")[i]!;
            double time = tdAuc.GetDoubles("time")[i];
            var trace = curves.Single(t => (string)t!["name"]! == string.Create(CultureInfo.InvariantCulture, $"{model}, t = {Html.Number(time)}: AUC {tdAuc.GetDoubles("auc")[i]:0.000}"))!;
            var rows = Enumerable.Range(0, roc.RowCount).Where(r => roc.GetStrings("model")[r] == model && roc.GetDoubles("time")[r] == time).ToArray();
            Assert.Equal(rows.Select(r => roc.GetDoubles("tpr")[r]), Doubles(trace["y"]));
            Assert.Equal(rows.Select(r => roc.GetDoubles("fpr")[r]), Doubles(trace["x"]));
        }
        Assert.Contains("id=\"td-concordance\"", html);
        Assert.Contains("id=\"td-brier\"", html);
        Assert.DoesNotContain("id=\"figures\"", html);
    }

    [GeneratedRegex("<section id=\"([^\"]+)\">")]
    private static partial Regex SectionIds();
}
