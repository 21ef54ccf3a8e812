namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// <see cref="CoxSubgroupAnalysis"/> against golden/make_subgroup_golden.R (coxph per level of <c>group</c>, and
/// anova() of the model with and without exposure:factor(group)) on rotterdam, gbsg and two simulations; three designs:
/// one exposure alone (Efron), with two adjustments, and Breslow ties with strata.
/// </summary>
public class CoxSubgroupAnalysisTests
{
    public static IEnumerable<object[]> Cases() => Golden.Read("subgroup_interaction.csv").Select(r => new object[] { r["dataset"], int.Parse(r["case"]) });

    [Theory]
    [MemberData(nameof(Cases))]
    public void LevelsAndInteractionMatchCoxph(string dataset, int design)
    {
        var expected = Golden.Read("subgroup_interaction.csv").Single(r => r["dataset"] == dataset && int.Parse(r["case"]) == design);
        var levelRows = Golden.Read("subgroup_levels.csv").Where(r => r["dataset"] == dataset && int.Parse(r["case"]) == design).ToList();
        var d = SurvivalGolden.Get(dataset);
        var names = d.Group.Distinct().Order().ToArray();
        var level = d.Group.Select(g => Array.IndexOf(names, g)).ToArray();
        var adjust = expected["adjust"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(d.Column).ToList();
        var result = CoxSubgroupAnalysis.Run(d.Time, d.Status, expected["strata"] == "1" ? d.Stratum : null, [d.Column(expected["exposure"])], adjust,
            level, names.Select(g => g.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), expected["ties"] == "breslow" ? CoxTies.Breslow : CoxTies.Efron);

        Assert.Equal(levelRows.Count, result.Levels.Count);
        for (int l = 0; l < levelRows.Count; l++)
        {
            var r = levelRows[l];
            var row = result.Levels[l];
            Assert.Equal(r["level"], row.Level);
            Assert.Equal(int.Parse(r["n"]), row.Count);
            Assert.Equal(int.Parse(r["events"]), row.EventCount);
            var fit = row.Fit!;
            string where = $"{dataset} design {design} level {row.Level}";
            SurvivalGolden.Near(Golden.Number(r["coef"]), fit.Coefficients[0], 1e-6, where + " coef");
            SurvivalGolden.Near(Golden.Number(r["se"]), fit.StandardErrors[0], 1e-6, where + " se");
            SurvivalGolden.Near(Golden.Number(r["hr"]), fit.HazardRatio(0), 1e-6, where + " hr");
            SurvivalGolden.Near(Golden.Number(r["lower"]), fit.HazardRatioLower95(0), 1e-6, where + " lower");
            SurvivalGolden.Near(Golden.Number(r["upper"]), fit.HazardRatioUpper95(0), 1e-6, where + " upper");
            SurvivalGolden.Near(Golden.Number(r["p"]), fit.P(0), 1e-6, where + " p", floor: 1e-10);
        }
        Assert.Equal(int.Parse(expected["df"]), result.InteractionDf);
        SurvivalGolden.Near(Golden.Number(expected["lr"]), result.InteractionChiSquare, 1e-6, $"{dataset} design {design} interaction LR", floor: 1);
        SurvivalGolden.Near(Golden.Number(expected["p"]), result.InteractionP, 1e-6, $"{dataset} design {design} interaction p", floor: 1e-10);
    }
}
