namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// Time-dependent evaluation against R: cumulative/dynamic AUC and Brier score of riskRegression::Score (cens.model "km")
/// for a coxph(ties = "breslow") model and for a tied integer marker, pec's integrated Brier score, Harrell's and Uno's C
/// of survival::concordance (timewt "n" and "n/G2", with and without ymax). Golden: td_*.csv; the models' linear
/// predictors come from td_lp.csv. Stated tolerance: 1e-6 relative for AUC, Brier and IBS (the issue's bar; observed
/// ~1e-14), 1e-8 for the concordances.
/// </summary>
public class TimeDependentEvaluationTests
{
    private static double[] LinearPredictor(string dataset) =>
        Golden.Read("td_lp.csv").Where(r => r["dataset"] == dataset).Select(r => Golden.Number(r["lp"])).ToArray();

    public static TheoryData<string> Datasets()
    {
        var data = new TheoryData<string>();
        foreach (var name in Golden.Read("td_ibs.csv").Select(r => r["dataset"])) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void AucAndBrierMatchScore(string dataset)
    {
        var d = SurvivalGolden.Get(dataset);
        var lp = LinearPredictor(dataset);
        var prediction = new CoxPrediction(d.Time, d.Status, lp);
        foreach (var r in Golden.Read("td_auc_brier.csv").Where(r => r["dataset"] == dataset))
        {
            double t = Golden.Number(r["time"]);
            var marker = r["model"] == "cox" ? lp : d.Column("x6");
            SurvivalGolden.Near(Golden.Number(r["auc"]), TimeDependentAuc.At(d.Time, d.Status, marker, t), 1e-6, $"{r["model"]} AUC at {t}");
            if (r["model"] == "cox")
                SurvivalGolden.Near(Golden.Number(r["brier"]), BrierScore.At(d.Time, d.Status, prediction.Survival(t), t), 1e-6, $"Brier at {t}");
        }
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void IntegratedBrierMatchesPec(string dataset)
    {
        var d = SurvivalGolden.Get(dataset);
        var r = Golden.Read("td_ibs.csv").Single(e => e["dataset"] == dataset);
        var (ibs, grid) = BrierScore.IntegratedCox(d.Time, d.Status, LinearPredictor(dataset), Golden.Number(r["tau"]));
        Assert.Equal((int)Golden.Number(r["grid_points"]), grid.Count);
        Assert.Equal(Golden.Number(r["grid_last"]), grid[^1]);
        SurvivalGolden.Near(Golden.Number(r["ibs"]), ibs, 1e-6, "IBS");
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void HarrellAndUnoMatchConcordance(string dataset)
    {
        var d = SurvivalGolden.Get(dataset);
        var lp = LinearPredictor(dataset);
        foreach (var r in Golden.Read("td_concordance.csv").Where(r => r["dataset"] == dataset))
        {
            double tau = Golden.Number(r["tau"]);
            var score = r["model"] == "cox" ? lp : d.Column("x6");
            var harrell = HarrellConcordance.Compute(new SurvivalSample(d.Time, d.Status), score, tau);
            string what = $"{r["model"]} τ {r["tau"]}";
            SurvivalGolden.Near(Golden.Number(r["harrell"]), harrell.Concordance, 1e-8, what + " Harrell");
            SurvivalGolden.Near(Golden.Number(r["harrell_se"]), harrell.StandardError, 1e-8, what + " Harrell SE");
            SurvivalGolden.Near(Golden.Number(r["uno"]), UnoConcordance.Compute(d.Time, d.Status, score, tau), 1e-8, what + " Uno");
        }
    }
}
