using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Statistics;
using Radiogenomics.Synthetic;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// survive.cox and survive.km through the engine from fetch.tables: the tables they write equal the Statistics
/// library's fits (golden-tested against R survival there), the screen finds the planted feature, the cuts behave,
/// and bad survival tables fail naming table, row and fix.
/// </summary>
public sealed class SurviveStageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-survive-" + Guid.NewGuid().ToString("N")[..10]);

    public SurviveStageTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    // 80 patients, 2 images each; feature 'planted' drives the hazard, the others are noise; time in days, ~30 % censored
    private (double[] Time, int[] Event, double[] Planted, double[] Age, string[] Er) WriteCohort(int patients = 80, Func<int, string>? survivalRow = null)
    {
        var random = new Random(7);
        var features = new StringBuilder("image_id,patient_id,planted,noise1,noise2\n");
        var survival = new StringBuilder("patient_id\tOS.time\tOS\tage\ter_status\tcentre\n");
        var time = new double[patients];
        var events = new int[patients];
        var planted = new double[patients];
        var age = new double[patients];
        var er = new string[patients];
        for (int p = 0; p < patients; p++)
        {
            planted[p] = StageWorkspace.Normal(random);
            age[p] = Math.Round(55 + 10 * StageWorkspace.Normal(random));
            er[p] = random.NextDouble() < 0.6 ? "Positive" : "Negative";
            double hazard = 0.001 * Math.Exp(0.9 * planted[p] + (er[p] == "Negative" ? 0.5 : 0));
            double eventTime = -Math.Log(1 - random.NextDouble()) / hazard, censor = 300 + 2000 * random.NextDouble();
            time[p] = Math.Ceiling(Math.Min(eventTime, censor));
            events[p] = eventTime <= censor ? 1 : 0;
            for (int i = 0; i < 2; i++)
                features.Append(CultureInfo.InvariantCulture, $"P{p:000}-{i},P{p:000},{planted[p] + 0.3 * StageWorkspace.Normal(random):R},{StageWorkspace.Normal(random):R},{StageWorkspace.Normal(random):R}\n");
            survival.Append(survivalRow?.Invoke(p) ?? string.Create(CultureInfo.InvariantCulture, $"P{p:000}\t{time[p]}\t{events[p]}\t{age[p]}\t{er[p]}\t{(p % 3 == 0 ? "A" : "B")}\n"));
        }
        File.WriteAllText(Path.Combine(_root, "features.csv"), features.ToString());
        File.WriteAllText(Path.Combine(_root, "genes.tsv"), "patient_id\tG1\n" + string.Concat(Enumerable.Range(0, patients).Select(p => string.Create(CultureInfo.InvariantCulture, $"P{p:000}\t{StageWorkspace.Normal(random):R}\n"))));
        File.WriteAllText(Path.Combine(_root, "survival.tsv"), survival.ToString());
        return (time, events, planted, age, er);
    }

    private async Task<(RunReport Report, ContentStore Store)> Run(string stages)
    {
        var report = await StageWorkspace.RunUncheckedAsync(_root, """
            workflow: survive
            stages:
              - id: tables
                uses: fetch.tables
                inputs: {features: features.csv, genomics: genes.tsv, survival: survival.tsv}

            """ + stages, TestContext.Current.CancellationToken);
        return (report, new ContentStore(new Workspace(_root)));
    }

    private static Table Output(RunReport report, ContentStore store, string stage, string output) =>
        ParquetFile.Read(store.PathOf(report[stage].Record!.Outputs[output].Sha256));

    [Fact]
    public async Task CoxTablesEqualTheLibraryFitAndTheScreenFindsThePlantedFeature()
    {
        var (time, events, _, age, er) = WriteCohort();
        var (report, store) = await Run("""
              - id: cox
                uses: survive.cox
                needs: [tables]
                params: {covariates: [age, er_status], strata: centre}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));

        // the same model straight from the library (patients in ordinal id order, as the stage reads them)
        var centre = Enumerable.Range(0, time.Length).Select(p => p % 3 == 0 ? 0 : 1).ToArray();
        var expected = CoxRegression.Fit(new SurvivalSample(time, events, centre), [age, er.Select(e => e == "Positive" ? 1.0 : 0.0).ToArray()]);
        var coefficients = Output(report, store, "cox", "coefficients");
        Assert.Equal(["age", "er_statusPositive"], coefficients.GetStrings("term"));
        for (int j = 0; j < 2; j++)
        {
            Assert.Equal(expected.Coefficients[j], coefficients.GetDoubles("coef")[j], 12);
            Assert.Equal(expected.StandardErrors[j], coefficients.GetDoubles("se")[j], 12);
            Assert.Equal(expected.HazardRatioUpper95(j), coefficients.GetDoubles("hr_upper95")[j], 12);
        }
        var tests = Output(report, store, "cox", "tests");
        Assert.Equal(time.Length, tests.GetInt32s("n")[0]);
        Assert.Equal(events.Sum(), tests.GetInt32s("nevent")[0]);
        Assert.Equal(expected.LogLikelihood, tests.GetDoubles("loglik")[0], 9);
        Assert.Equal(expected.Concordance!.Concordance, tests.GetDoubles("concordance")[0], 12);
        Assert.Equal(expected.Concordance.StandardError, tests.GetDoubles("concordance_se")[0], 12);
        foreach (var column in new[] { "wald", "lr", "score", "df" }) Assert.True(tests.Contains(column), column);

        var risk = Output(report, store, "cox", "risk");
        Assert.Equal(expected.LinearPredictor, risk.GetDoubles("risk"));

        // screen: three image features (patient means) and one gene, BH over the four, the planted one far ahead
        var screen = Output(report, store, "cox", "screen");
        Assert.Equal(["planted", "noise1", "noise2", "G1"], screen.GetStrings("feature"));
        Assert.Equal(["features", "features", "features", "genomic"], screen.GetStrings("source"));
        var q = screen.GetNullableDoubles("q");
        Assert.True(q[0] < 1e-4, $"planted q {q[0]}");
        Assert.Equal(q.Min(), q[0]);
        Assert.True(screen.GetNullableDoubles("coef")[0] > 0.5);
        var p = screen.GetNullableDoubles("p").Select(x => x!.Value).ToArray();
        var bh = new double[4];
        BenjaminiHochberg.Adjust(p, bh);
        Assert.Equal(bh, q.Select(x => x!.Value).ToArray());
    }

    [Fact]
    public async Task KaplanMeierByCategoryAndByRiskCuts()
    {
        var (time, events, _, _, er) = WriteCohort();
        var (report, store) = await Run("""
              - id: cox
                uses: survive.cox
                needs: [tables]
                params: {covariates: [planted], screen: none}
              - id: km_er
                uses: survive.km
                needs: [tables]
                params: {group_by: er_status, times: [0, 500, 1000, 1500]}
              - id: km_risk
                uses: survive.km
                needs: [tables, cox]
                params: {group_by: risk, cut: maxstat}
              - id: km_cv
                uses: survive.km
                needs: [tables, cox]
                params: {group_by: risk, cut: cross_validated, folds: 4}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));

        // by ER: the km rows, the log-rank test and the numbers at risk equal the library's
        var positive = Enumerable.Range(0, time.Length).Where(p => er[p] == "Positive").ToArray();
        var curve = KaplanMeier.Fit(positive.Select(p => time[p]).ToArray(), positive.Select(p => events[p]).ToArray());
        var km = Output(report, store, "km_er", "km");
        var rows = Enumerable.Range(0, km.RowCount).Where(i => km.GetStrings("strata")[i] == "Positive").ToArray();
        Assert.Equal(curve.Time, rows.Select(i => km.GetDoubles("time")[i]));
        Assert.Equal(curve.Survival, rows.Select(i => km.GetDoubles("surv")[i]));
        var groups = er.Select(e => e == "Negative" ? 0 : 1).ToArray();
        var logrank = LogRankTest.Test(new SurvivalSample(time, events), groups, 2);
        var table = Output(report, store, "km_er", "logrank");
        Assert.Equal(logrank.ChiSquare, table.GetDoubles("chisq")[0], 10);
        Assert.Equal(logrank.P, table.GetDoubles("p")[0], 12);
        var at = Output(report, store, "km_er", "at_times");
        Assert.Equal([0.0, 500, 1000, 1500], at.GetDoubles("time").Take(4));
        Assert.Equal(positive.Count(p => time[p] >= 500), at.GetInt32s("n_risk")[5]);
        var png = store.PathOf(report["km_er"].Record!.Outputs["plot"].Sha256);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], File.ReadAllBytes(png).Take(4));

        // maxstat on the risk score: the cut is the library's, the high group dies sooner
        var risk = Output(report, store, "cox", "risk");
        var best = MaximallySelectedRankStatistic.LogRank(risk.GetDoubles("time"), risk.GetInt32s("event"), risk.GetDoubles("risk"), 0.1, 0.9);
        var cut = Output(report, store, "km_risk", "cutpoints");
        Assert.Equal(best.Cutpoint, cut.GetDoubles("cutpoint")[0]);
        var riskGroups = Output(report, store, "km_risk", "logrank_groups");
        Assert.Equal(["high", "low"], riskGroups.GetStrings("group").Order());
        Assert.True(Output(report, store, "km_risk", "logrank").GetDoubles("p")[0] < 1e-4);

        // cross-validated: one cut per fold, each chosen on the other folds' patients only
        var cv = Output(report, store, "km_cv", "cutpoints");
        Assert.Equal([1, 2, 3, 4], cv.GetInt32s("fold"));
        var assigned = Output(report, store, "km_cv", "groups");
        var folds = assigned.GetInt32s("fold");
        for (int k = 1; k <= 4; k++)
        {
            var train = Enumerable.Range(0, folds.Length).Where(i => folds[i] != k).ToArray();
            var fit = MaximallySelectedRankStatistic.LogRank(train.Select(i => risk.GetDoubles("time")[i]).ToArray(), train.Select(i => risk.GetInt32s("event")[i]).ToArray(),
                train.Select(i => risk.GetDoubles("risk")[i]).ToArray(), 0.1, 0.9);
            Assert.Equal(fit.Cutpoint, cv.GetDoubles("cutpoint")[k - 1]);
            Assert.Equal(train.Length, cv.GetInt32s("patients")[k - 1]);
            foreach (int i in Enumerable.Range(0, folds.Length).Where(i => folds[i] == k))
                Assert.Equal(risk.GetDoubles("risk")[i] <= fit.Cutpoint ? "low" : "high", assigned.GetStrings("group")[i]);
        }
    }

    [Fact]
    public async Task EvaluateGivesTheLibrarysAucConcordanceAndBrier()
    {
        WriteCohort();
        var (report, store) = await Run("""
              - id: cox
                uses: survive.cox
                needs: [tables]
                params: {covariates: [planted, age], screen: none}
              - id: evaluate
                uses: survive.evaluate
                needs: [cox]
                params: {times: [300, 600, 900], tau: 900}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var risk = Output(report, store, "cox", "risk");
        var time = risk.GetDoubles("time");
        var events = risk.GetInt32s("event");
        var lp = risk.GetDoubles("risk");

        var auc = Output(report, store, "evaluate", "td_auc");
        Assert.Equal([300.0, 600, 900], auc.GetDoubles("time"));
        for (int k = 0; k < 3; k++)
            Assert.Equal(TimeDependentAuc.At(time, events, lp, auc.GetDoubles("time")[k]), auc.GetNullableDoubles("auc")[k]);
        Assert.True(auc.GetNullableDoubles("auc")[1] > 0.7, "the planted feature predicts");

        var c = Output(report, store, "evaluate", "concordance");
        var harrell = HarrellConcordance.Compute(new SurvivalSample(time, events), lp);
        Assert.Equal(harrell.Concordance, c.GetDoubles("harrell")[0]);
        Assert.Equal(harrell.StandardError, c.GetDoubles("harrell_se")[0]);
        Assert.Equal(UnoConcordance.Compute(time, events, lp, 900), c.GetDoubles("uno_tau")[0]);
        // coxph's own concordance of the same model is Harrell's C of its linear predictor
        Assert.Equal(Output(report, store, "cox", "tests").GetDoubles("concordance")[0], harrell.Concordance, 12);

        // td-ROC: the library's curve points at each time, and a figure
        var roc = Output(report, store, "evaluate", "td_roc");
        var curve600 = TimeDependentRoc.At(time, events, lp, 600);
        var rows600 = Enumerable.Range(0, roc.RowCount).Where(i => roc.GetDoubles("time")[i] == 600).ToArray();
        Assert.Equal(curve600.Select(p => p.TruePositiveRate), rows600.Select(i => roc.GetDoubles("tpr")[i]));
        Assert.Equal(curve600.Select(p => p.FalsePositiveRate), rows600.Select(i => roc.GetDoubles("fpr")[i]));
        Assert.Equal(curve600.Select(p => p.Threshold), rows600.Select(i => roc.GetDoubles("threshold")[i]));
        Assert.Contains("AUC", File.ReadAllText(store.PathOf(report["evaluate"].Record!.Outputs["roc_plot_svg"].Sha256)));

        var brier = Output(report, store, "evaluate", "brier");
        Assert.Equal(["brier", "brier", "brier", "integrated"], brier.GetStrings("kind"));
        var prediction = new CoxPrediction(time, events, lp);
        Assert.Equal(BrierScore.At(time, events, prediction.Survival(600), 600), brier.GetDoubles("brier")[1]);
        Assert.Equal(BrierScore.IntegratedCox(time, events, lp, 900).Integrated, brier.GetDoubles("brier")[3]);
    }

    [Fact]
    public async Task SubgroupsEqualTheLibraryAnalysisAndDrawAForestPlot()
    {
        var (time, events, _, age, er) = WriteCohort();
        var (report, store) = await Run("""
              - id: cox
                uses: survive.cox
                needs: [tables]
                params: {covariates: [age, er_status], subgroups: [centre, er_status], screen: none}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var positive = er.Select(e => e == "Positive" ? 1.0 : 0.0).ToArray();
        var centre = Enumerable.Range(0, time.Length).Select(p => p % 3 == 0 ? 0 : 1).ToArray();
        var expected = CoxSubgroupAnalysis.Run(time, events, null, [age], [positive], centre, ["A", "B"]);
        var table = Output(report, store, "cox", "subgroups");
        Assert.Equal(["centre", "centre", "er_status", "er_status"], table.GetStrings("variable"));
        Assert.Equal(["A", "B", "Negative", "Positive"], table.GetStrings("level"));
        Assert.Equal(["age", "age", "age", "age"], table.GetStrings("term"));
        for (int l = 0; l < 2; l++)
        {
            Assert.Equal(expected.Levels[l].Count, table.GetInt32s("n")[l]);
            Assert.Equal(expected.Levels[l].EventCount, table.GetInt32s("events")[l]);
            Assert.Equal(expected.Levels[l].Fit!.HazardRatio(0), table.GetNullableDoubles("hr")[l]!.Value, 12);
            Assert.Equal(expected.Levels[l].Fit!.HazardRatioLower95(0), table.GetNullableDoubles("hr_lower95")[l]!.Value, 12);
            Assert.Equal(expected.Levels[l].Fit!.P(0), table.GetNullableDoubles("p")[l]!.Value, 12);
            Assert.Equal(expected.InteractionP, table.GetNullableDoubles("interaction_p")[l]!.Value, 12);
        }
        Assert.Equal(1, table.GetInt32s("interaction_df")[0]);
        // by ER, the ER term is constant within each level and drops out; the interaction model keeps age × ER
        var byEr = CoxSubgroupAnalysis.Run(time, events, null, [age], [positive], positive.Select(v => (int)v).ToArray(), ["Negative", "Positive"]);
        Assert.Equal(byEr.Levels[1].Fit!.HazardRatio(0), table.GetNullableDoubles("hr")[3]!.Value, 12);
        Assert.Equal(byEr.InteractionChiSquare, table.GetNullableDoubles("interaction_chisq")[3]!.Value, 9);
        var png = store.PathOf(report["cox"].Record!.Outputs["forest"].Sha256);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], File.ReadAllBytes(png).Take(4));
        Assert.Contains("interaction p", File.ReadAllText(store.PathOf(report["cox"].Record!.Outputs["forest_svg"].Sha256)));
    }

    [Fact]
    public async Task LassoEqualsTheLibraryAndEvaluateReadsItsHeldOutPredictions()
    {
        var (time, events, _, _, _) = WriteCohort();
        var (report, store) = await Run("""
              - id: lasso
                uses: survive.lasso
                needs: [tables]
                params: {folds: 4, inner_folds: 4, seed: 11}
              - id: evaluate
                uses: survive.evaluate
                needs: [lasso]
                params: {times: [300, 600], tau: 600, cox_marker: ""}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));

        // the same patient-level matrix straight from the files: image means of three features, then the gene
        var images = File.ReadAllLines(Path.Combine(_root, "features.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var x = Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, time.Length).Select(p =>
            images.Where(r => r[1] == $"P{p:000}").Average(r => double.Parse(r[2 + j], CultureInfo.InvariantCulture))).ToArray()).ToList();
        x.Add(File.ReadAllLines(Path.Combine(_root, "genes.tsv")).Skip(1).Select(l => double.Parse(l.Split('\t')[1], CultureInfo.InvariantCulture)).ToArray());
        var random = new Random(11);
        var inner = StratifiedFolds.Assign(events.Select(e => (double)e).ToArray(), 4, random);
        var cv = CoxLassoCrossValidation.Run(x, time, events, inner);
        var cvTable = Output(report, store, "lasso", "cv");
        Assert.Equal(cv.Fit.Steps, cvTable.RowCount);
        for (int s = 0; s < cv.Fit.Steps; s++)
        {
            Assert.Equal(cv.Fit.Lambda[s], cvTable.GetDoubles("lambda")[s], 1e-12);
            Assert.Equal(cv.Cvm[s], cvTable.GetDoubles("cvm")[s], 1e-9);
        }
        Assert.True(cvTable.GetBools("is_min")[cv.IndexMin]);
        var coefficients = Output(report, store, "lasso", "coefficients");
        var atMin = Enumerable.Range(0, coefficients.RowCount).Where(i => coefficients.GetStrings("rule")[i] == "lambda.min").ToArray();
        Assert.Contains("planted", atMin.Select(i => coefficients.GetStrings("term")[i]));
        int planted = atMin.First(i => coefficients.GetStrings("term")[i] == "planted");
        Assert.Equal(cv.Fit.Beta[cv.IndexMin][0], coefficients.GetDoubles("estimate")[planted], 1e-9);
        Assert.True(coefficients.GetDoubles("estimate")[planted] > 0.3);

        // held-out risks: every patient once, from the nested estimate on the same folds
        var outer = StratifiedFolds.Assign(events.Select(e => (double)e).ToArray(), 4, random);
        var expected = NestedCoxLassoEstimate.Run(x, time, events, outer, 4, random, CoxLassoMeasure.Deviance, false, new CoxLassoOptions());
        var predictions = Output(report, store, "lasso", "predictions");
        Assert.Equal(["patient_id", "fold", "risk", "time", "event", "lambda", "nonzero"], predictions.ColumnNames.ToArray());
        Assert.Equal(Enumerable.Range(0, time.Length).Select(p => $"P{p:000}"), predictions.GetStrings("patient_id"));
        Assert.Equal(outer, predictions.GetInt32s("fold"));
        for (int p = 0; p < time.Length; p++) Assert.Equal(expected[p].Risk, predictions.GetDoubles("risk")[p], 1e-9);

        // survive.evaluate pools them: Harrell's C of the held-out risk, well above chance
        var c = Output(report, store, "evaluate", "concordance");
        var harrell = HarrellConcordance.Compute(new SurvivalSample(time, events), predictions.GetDoubles("risk"));
        Assert.Equal(harrell.Concordance, c.GetDoubles("harrell")[0]);
        Assert.True(harrell.Concordance > 0.65, $"held-out C {harrell.Concordance}");
        Assert.Equal([300.0, 600], Output(report, store, "evaluate", "td_auc").GetDoubles("time"));
    }

    [Fact]
    public async Task FetchLocalProvidesTheSurvivalTableAndChecksIt()
    {
        var (time, events, _, _, _) = WriteCohort();
        // TCGA sample barcodes are cut to the patient, as fetch.local does for every source
        File.WriteAllText(Path.Combine(_root, "tcga_survival.tsv"), "_PATIENT\tOS.time\tOS\nTCGA-AA-0001-01A\t100\t1\nTCGA-AA-0002-01A\t250\t0\nTCGA-AA-0003-01A\t300\t1\n");
        var report = await StageWorkspace.RunUncheckedAsync(_root, """
            workflow: local-survival
            stages:
              - id: local
                uses: fetch.local
                inputs: {survival: survival.tsv}
              - id: tcga
                uses: fetch.local
                inputs: {survival: tcga_survival.tsv}
              - id: km
                uses: survive.km
                needs: [local]
                params: {group_by: er_status}
            """, TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var store = new ContentStore(new Workspace(_root));
        var survival = Output(report, store, "local", "survival");
        Assert.Equal(time, survival.GetDoubles("OS.time"));
        Assert.Equal(events.Select(e => (double)e), survival.GetDoubles("OS"));
        Assert.True(Output(report, store, "local", "patients").GetBools("has_survival").All(b => b));
        Assert.Equal(["TCGA-AA-0001", "TCGA-AA-0002", "TCGA-AA-0003"], Output(report, store, "tcga", "survival").GetStrings("patient_id"));
        Assert.Equal(2, Output(report, store, "km", "logrank_groups").RowCount);

        File.WriteAllText(Path.Combine(_root, "tcga_survival.tsv"), "_PATIENT\tOS.time\tOS\nTCGA-AA-0001-01A\t100\t1\nTCGA-AA-0002-01A\t-3\t0\n");
        var bad = await StageWorkspace.RunUncheckedAsync(_root, """
            workflow: local-survival-bad
            stages:
              - id: tcga
                uses: fetch.local
                inputs: {survival: tcga_survival.tsv}
            """, TestContext.Current.CancellationToken);
        Assert.False(bad.Succeeded);
        string error = bad["tcga"].Error ?? "";
        Assert.Contains("tcga_survival.tsv", error);
        Assert.Contains("TCGA-AA-0002-01A", error);
        Assert.Contains("Fix:", error);
    }

    [Theory]
    [InlineData("negative", "row 4 (line 5) (patient P003), column 'OS.time'", "negative")]
    [InlineData("missing", "row 4 (line 5) (patient P003), column 'OS.time'", "missing")]
    [InlineData("event2", "row 4 (line 5) (patient P003), column 'OS'", "not 0 or 1")]
    [InlineData("noevents", "column 'OS'", "has no events")]
    public async Task BadSurvivalTablesFailNamingTableRowAndFix(string problem, string record, string reason)
    {
        WriteCohort(survivalRow: p => problem switch
        {
            "negative" when p == 3 => "P003\t-5\t1\t50\tPositive\tA\n",
            "missing" when p == 3 => "P003\tNA\t1\t50\tPositive\tA\n",
            "event2" when p == 3 => "P003\t100\t2\t50\tPositive\tA\n",
            "noevents" => $"P{p:000}\t100\t0\t50\tPositive\tA\n",
            _ => null,
        });
        var (report, _) = await Run("");
        Assert.False(report.Succeeded);
        string error = report["tables"].Error ?? "";
        Assert.Contains("survival.tsv", error);
        Assert.Contains(record, error);
        Assert.Contains(reason, error);
        Assert.Contains("Fix:", error);
    }

    [Fact]
    public async Task AStratumWithOnePatientFailsNamingItsRow()
    {
        WriteCohort(survivalRow: p => p == 5 ? "P005\t100\t1\t50\tPositive\tC\n" : null);
        var (report, _) = await Run("""
              - id: cox
                uses: survive.cox
                needs: [tables]
                params: {covariates: [age], strata: centre, screen: none}
            """);
        Assert.False(report.Succeeded);
        string error = report["cox"].Error ?? "";
        Assert.Contains("patient P005", error);
        Assert.Contains("stratum 'C' has this one patient", error);
        Assert.Contains("Fix:", error);
    }

    /// <summary>The synthetic cohort's planted Cox linear predictor (patient_truth.linear_predictor) is recovered: HR per unit ≈ e¹, its 95 % CI covering it.</summary>
    [Fact]
    public void PlantedLinearPredictorIsRecoveredOnTheSyntheticCohort()
    {
        var cohort = SyntheticCohort.Generate(CohortSpec.Default with { PatientCount = 1500 });
        var time = cohort.Patients.Select(p => (double)p.Survival.TimeDays).ToArray();
        var events = cohort.Patients.Select(p => p.Survival.Event ? 1 : 0).ToArray();
        var eta = cohort.Patients.Select(p => p.Survival.LinearPredictor).ToArray();
        var fit = CoxRegression.Fit(new SurvivalSample(time, events), [eta]);
        Assert.True(fit.HazardRatioLower95(0) < Math.E && Math.E < fit.HazardRatioUpper95(0),
            $"HR {fit.HazardRatio(0):0.###} ({fit.HazardRatioLower95(0):0.###}–{fit.HazardRatioUpper95(0):0.###}) does not cover e; {events.Sum()} events");
    }

}
