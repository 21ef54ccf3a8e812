namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// <see cref="Roc"/>, <see cref="HosmerLemeshowTest"/> and <see cref="DecisionCurve"/> against pROC 1.18 (<c>auc</c>,
/// <c>var(method = "delong")</c>, <c>ci.auc(method = "delong")</c>, paired <c>roc.test(method = "delong")</c>, Youden
/// <c>coords</c>), hoslem.test's definition and the net-benefit formula, on four simulated cases with and without ties.
/// </summary>
public class RocTests
{
    /// <summary>Stated tolerance: 1e-9 absolute (the brief asks ≤ 1e-6).</summary>
    private const double Tolerance = 1e-9;

    private static readonly Lazy<Dictionary<string, (double[] Y, double[] A, double[] B, double[] Pa)>> Data = new(() =>
    {
        var d = new Dictionary<string, (List<double>, List<double>, List<double>, List<double>)>();
        foreach (var r in Golden.Read("roc_data.csv"))
        {
            if (!d.TryGetValue(r["case"], out var v)) d[r["case"]] = v = (new(), new(), new(), new());
            v.Item1.Add(Golden.Number(r["y"])); v.Item2.Add(Golden.Number(r["a"])); v.Item3.Add(Golden.Number(r["b"])); v.Item4.Add(Golden.Number(r["pa"]));
        }
        return d.ToDictionary(kv => kv.Key, kv => (kv.Value.Item1.ToArray(), kv.Value.Item2.ToArray(), kv.Value.Item3.ToArray(), kv.Value.Item4.ToArray()));
    });

    public static TheoryData<string> Cases()
    {
        var t = new TheoryData<string>();
        foreach (var c in Data.Value.Keys) t.Add(c);
        return t;
    }

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance, $"{what}: {actual} vs R {expected}");

    [Theory]
    [MemberData(nameof(Cases))]
    public void AucVarianceCiAndYoudenMatchPRoc(string name)
    {
        var (y, a, b, _) = Data.Value[name];
        foreach (var r in Golden.Read("roc_expected.csv").Where(r => r["case"] == name))
        {
            var scores = r["model"] == "a" ? a : b;
            var d = Roc.DeLong(scores, y);
            Near(Golden.Number(r["auc"]), d.Auc, $"{name}/{r["model"]} auc");
            Near(Golden.Number(r["auc"]), Roc.Auc(scores, y), $"{name}/{r["model"]} auc");
            Near(Golden.Number(r["var"]), d.Variance, $"{name}/{r["model"]} var");
            Near(Golden.Number(r["ci_lower"]), d.CiLower, $"{name}/{r["model"]} ci lower");
            Near(Golden.Number(r["ci_upper"]), d.CiUpper, $"{name}/{r["model"]} ci upper");
            if (r["youden_threshold"] == "NA") continue;
            var yc = Roc.Youden(scores, y);
            Near(Golden.Number(r["youden_threshold"]), yc.Threshold, $"{name}/{r["model"]} Youden threshold");
            Near(Golden.Number(r["youden_sensitivity"]), yc.Sensitivity, $"{name}/{r["model"]} Youden sensitivity");
            Near(Golden.Number(r["youden_specificity"]), yc.Specificity, $"{name}/{r["model"]} Youden specificity");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PairedDeLongTestMatchesRocTest(string name)
    {
        var (y, a, b, _) = Data.Value[name];
        var r = Golden.Read("roc_test_expected.csv").Single(r => r["case"] == name);
        var c = Roc.Compare(a, b, y);
        Near(Golden.Number(r["z"]), c.Z, $"{name} z");
        Near(Golden.Number(r["p"]), c.P, $"{name} p");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HosmerLemeshowMatchesItsDefinition(string name)
    {
        var (y, _, _, pa) = Data.Value[name];
        var r = Golden.Read("hoslem_expected.csv").Single(r => r["case"] == name);
        if (r["statistic"] == "NA")
        {
            Assert.Throws<ArgumentException>(() => HosmerLemeshowTest.Compute(y, pa)); // R: 'breaks' are not unique
            return;
        }
        var h = HosmerLemeshowTest.Compute(y, pa);
        Near(Golden.Number(r["statistic"]), h.Statistic, $"{name} HL statistic");
        Assert.Equal(int.Parse(r["df"]), h.DegreesOfFreedom);
        Near(Golden.Number(r["p"]), h.P, $"{name} HL p");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NetBenefitMatchesDefinition(string name)
    {
        var (y, _, _, pa) = Data.Value[name];
        foreach (var r in Golden.Read("net_benefit_expected.csv").Where(r => r["case"] == name))
        {
            double pt = Golden.Number(r["threshold"]);
            Near(Golden.Number(r["net_benefit"]), DecisionCurve.NetBenefit(y, pa, pt), $"{name} NB at {pt}");
            Near(Golden.Number(r["treat_all"]), DecisionCurve.TreatAll(y, pt), $"{name} treat-all at {pt}");
        }
    }
}
