namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// <see cref="TimeDependentRoc"/> against <c>riskRegression::Score(plots = "ROC")</c>'s plot frame (golden/make_tdroc_golden.R):
/// every point (threshold, TPR, FPR) to 1e-10 at the event-time quartiles of rotterdam, gbsg and two simulations, for a
/// marker with many ties (x6) and one with few (x1); the curve's trapezoidal area is the AUC.
/// </summary>
public class TimeDependentRocTests
{
    public static IEnumerable<object[]> Curves() => Golden.Read("td_roc.csv").Select(r => (r["dataset"], r["marker"], r["time"])).Distinct()
        .Select(c => new object[] { c.Item1, c.Item2, Golden.Number(c.Item3) });

    [Theory]
    [MemberData(nameof(Curves))]
    public void PointsMatchScore(string dataset, string marker, double t)
    {
        var expected = Golden.Read("td_roc.csv").Where(r => r["dataset"] == dataset && r["marker"] == marker && Golden.Number(r["time"]) == t).ToList();
        var d = SurvivalGolden.Get(dataset);
        var curve = TimeDependentRoc.At(d.Time, d.Status, d.Column(marker), t);
        Assert.Equal(expected.Count, curve.Count);
        for (int k = 0; k < curve.Count; k++)
        {
            Assert.Equal(Golden.Number(expected[k]["risk"]), curve[k].Threshold);
            Assert.True(Math.Abs(Golden.Number(expected[k]["tpr"]) - curve[k].TruePositiveRate) <= 1e-10, $"{dataset} {marker} t={t} point {k}: TPR {curve[k].TruePositiveRate:R} vs {expected[k]["tpr"]}");
            Assert.True(Math.Abs(Golden.Number(expected[k]["fpr"]) - curve[k].FalsePositiveRate) <= 1e-10, $"{dataset} {marker} t={t} point {k}: FPR {curve[k].FalsePositiveRate:R} vs {expected[k]["fpr"]}");
        }
        // the area under the points (from (0, 0)) is the cumulative/dynamic AUC
        double area = 0, x = 0, y = 0;
        foreach (var p in curve) { area += (p.FalsePositiveRate - x) * (p.TruePositiveRate + y) / 2; x = p.FalsePositiveRate; y = p.TruePositiveRate; }
        Assert.Equal(TimeDependentAuc.At(d.Time, d.Status, d.Column(marker), t), area, 1e-12);
    }
}
