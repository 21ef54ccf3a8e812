using System.Globalization;

namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// <see cref="LogisticRegression"/> against <c>rms::lrm</c> 6.5.0 (coefficients, SE, Wald z and p, odds ratios with
/// 95 % CIs, model LR χ², Nagelkerke R², C, Brier) and <see cref="Nomogram"/> against <c>rms::nomogram(fit, fun = plogis)</c>
/// (points per predictor value, total points, linear-predictor and probability axes) on three simulated data sets
/// written by golden/make_nomogram_golden.R (continuous, categorical and 0/1 predictors; probability-scale signatures; 45
/// patients, where lrm's stopping rule leaves its answer 1.8e-6 from the exact optimum — the fit follows lrm's iterations).
/// </summary>
public class NomogramTests
{
    /// <summary>Stated tolerance: 1e-6 absolute for coefficients, SE and points (the brief's bound); relative 1e-6 for p and odds ratios.</summary>
    private const double Tolerance = 1e-6;

    public static TheoryData<string> Datasets() => new() { "mixed", "signatures", "small" };

    /// <summary>A data set's design as lrm builds it: numeric columns as they are, text columns dummy coded against their first (sorted) level.</summary>
    private static (double[] Y, List<double[]> Columns, List<string> Terms, List<NomogramInput> Inputs) Design(string dataset)
    {
        var rows = Golden.Read($"lrm_data_{dataset}.csv");
        var names = rows[0].Keys.Where(k => k is not ("dataset" or "row" or "y")).ToList();
        var y = rows.Select(r => Golden.Number(r["y"])).ToArray();
        var columns = new List<double[]>();
        var terms = new List<string>();
        var inputs = new List<NomogramInput>();
        foreach (var name in names)
        {
            var text = rows.Select(r => r[name]).ToArray();
            if (text.All(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                inputs.Add(new NomogramInput(name, columns.Count, text.Select(Golden.Number).ToArray(), null));
                columns.Add(text.Select(Golden.Number).ToArray());
                terms.Add(name);
            }
            else
            {
                var levels = text.Distinct().Order(StringComparer.Ordinal).ToArray();
                inputs.Add(new NomogramInput(name, columns.Count, null, levels));
                foreach (var level in levels.Skip(1))
                {
                    columns.Add(text.Select(t => t == level ? 1.0 : 0.0).ToArray());
                    terms.Add($"{name}={level}");
                }
            }
        }
        return (y, columns, terms, inputs);
    }

    private sealed record NomogramInput(string Name, int FirstColumn, double[]? Data, string[]? Levels);

    [Theory]
    [MemberData(nameof(Datasets))]
    public void LrmCoefficientsStandardErrorsAndOddsRatiosMatchRms(string dataset)
    {
        var (y, columns, terms, _) = Design(dataset);
        var fit = LogisticRegression.Fit(columns, y, terms);
        var expected = Golden.Read("lrm_expected.csv").Where(r => r["dataset"] == dataset).ToList();
        Assert.Equal(expected.Count, fit.Terms.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            Assert.Equal(e["term"] == "Intercept" ? "(Intercept)" : e["term"], fit.Terms[i]);
            Assert.True(Math.Abs(fit.Coefficients[i] - Golden.Number(e["estimate"])) <= Tolerance, $"{dataset} {e["term"]} estimate {fit.Coefficients[i]} vs {e["estimate"]}");
            Assert.True(Math.Abs(fit.StandardError(i) - Golden.Number(e["se"])) <= Tolerance, $"{dataset} {e["term"]} se");
            Assert.True(Math.Abs(fit.Z(i) - Golden.Number(e["z"])) <= Tolerance, $"{dataset} {e["term"]} z");
            Relative(fit.P(i), Golden.Number(e["p"]), $"{dataset} {e["term"]} p");
            var (or, lo, hi) = fit.OddsRatio(i);
            Relative(or, Golden.Number(e["odds_ratio"]), "odds ratio");
            Relative(lo, Golden.Number(e["or_lower"]), "odds ratio lower");
            Relative(hi, Golden.Number(e["or_upper"]), "odds ratio upper");
        }
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void LrmModelStatisticsMatchRms(string dataset)
    {
        var (y, columns, terms, _) = Design(dataset);
        var fit = LogisticRegression.Fit(columns, y, terms);
        var s = Golden.Read("lrm_stats.csv").Where(r => r["dataset"] == dataset).ToDictionary(r => r["stat"], r => Golden.Number(r["value"]));
        Assert.Equal(s["n"], fit.Observations);
        Assert.Equal(s["df"], fit.ModelDegreesOfFreedom);
        Assert.True(Math.Abs(fit.NullDeviance - s["null_deviance"]) <= Tolerance);
        Assert.True(Math.Abs(fit.Deviance - s["deviance"]) <= Tolerance);
        Assert.True(Math.Abs(fit.LikelihoodRatio - s["model_lr"]) <= Tolerance);
        Relative(fit.LikelihoodRatioP, s["p"], "LR p");
        Assert.True(Math.Abs(fit.NagelkerkeR2 - s["r2"]) <= Tolerance);
        Assert.True(Math.Abs(fit.Brier - s["brier"]) <= Tolerance);
        Assert.True(Math.Abs(fit.C - s["c"]) <= 1e-12, $"{dataset} C {fit.C} vs {s["c"]}");
        Assert.True(Math.Abs(fit.Dxy - s["dxy"]) <= 1e-12);
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void NomogramPointsAndAxesMatchRms(string dataset)
    {
        var (y, columns, terms, inputs) = Design(dataset);
        var fit = LogisticRegression.Fit(columns, y, terms);
        var predictors = inputs.Select(p => p.Levels is null
            ? NomogramPredictor.Continuous(p.Name, fit.Coefficients[p.FirstColumn + 1], p.Data!)
            : NomogramPredictor.Categorical(p.Name, p.Levels, [0, .. Enumerable.Range(0, p.Levels.Length - 1).Select(k => fit.Coefficients[p.FirstColumn + 1 + k])])).ToList();
        var scale = Nomogram.Build(fit.Coefficients[0], predictors, fit.LinearPredictors.ToArray());

        var points = Golden.Read("nomogram_points.csv").Where(r => r["dataset"] == dataset).ToList();
        foreach (var axis in scale.Predictors)
        {
            var expected = points.Where(r => r["predictor"] == axis.Name).ToList();
            Assert.Equal(expected.Count, axis.Points.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                if (double.IsNaN(axis.Values[i])) Assert.Equal(expected[i]["value"], axis.Labels[i]);
                else Assert.True(Math.Abs(axis.Values[i] - Golden.Number(expected[i]["value"])) <= 1e-12, $"{dataset} {axis.Name} tick {i}");
                Assert.True(Math.Abs(axis.Points[i] - Golden.Number(expected[i]["points"])) <= Tolerance, $"{dataset} {axis.Name} {axis.Labels[i]}: {axis.Points[i]} vs {expected[i]["points"]}");
            }
        }
        var axes = Golden.Read("nomogram_axes.csv").Where(r => r["dataset"] == dataset).ToList();
        foreach (var axis in new[] { scale.TotalPoints, scale.LinearPredictor, scale.Probability })
        {
            var expected = axes.Where(r => r["axis"] == axis.Name).ToList();
            Assert.Equal(expected.Count, axis.Points.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.True(Math.Abs(axis.Values[i] - Golden.Number(expected[i]["value"])) <= 1e-12, $"{dataset} {axis.Name} tick {i}");
                Assert.True(Math.Abs(axis.Points[i] - Golden.Number(expected[i]["points"])) <= Tolerance, $"{dataset} {axis.Name} {axis.Values[i]}: {axis.Points[i]} vs {expected[i]["points"]}");
            }
        }
        var sc = axes.Single(r => r["axis"] == "scale" && r["points"] == "points_per_unit");
        var intercept = axes.Single(r => r["axis"] == "scale" && r["points"] == "intercept");
        Assert.True(Math.Abs(scale.PointsPerUnit - Golden.Number(sc["value"])) <= Tolerance);
        Assert.True(Math.Abs(scale.Intercept - Golden.Number(intercept["value"])) <= Tolerance);
        // total points of a patient map back to its linear predictor
        var row = columns.Select(c => c[0]).ToArray();
        Assert.Equal(fit.LinearPredictor(row), fit.LinearPredictors[0], 10);
    }

    [Theory]
    [InlineData(-3.7, 4.2, 10)]
    [InlineData(0, 137.5, 10)]
    [InlineData(0.0123, 0.9876, 10)]
    [InlineData(5.4, 74.9, 10)]
    [InlineData(-0.001, 0.0007, 5)]
    [InlineData(2, 2, 10)]
    public void PrettyIsRsPretty(double low, double high, int n)
    {
        // values from R 4.2.2: pretty(c(low, high), n)
        var expected = new Dictionary<(double, double, int), double[]>
        {
            [(-3.7, 4.2, 10)] = [-4, -3, -2, -1, 0, 1, 2, 3, 4, 5],
            [(0, 137.5, 10)] = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140],
            [(0.0123, 0.9876, 10)] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
            [(5.4, 74.9, 10)] = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75],
            [(-0.001, 0.0007, 5)] = [-0.001, -0.0005, 0, 0.0005, 0.001],
            [(2, 2, 10)] = [1, 1.5, 2, 2.5],
        }[(low, high, n)];
        var actual = RPretty.Of(low, high, n);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }

    [Theory]
    [InlineData("continuous")]
    [InlineData("categorical")]
    public void NriAndIdiMatchImproveProb(string kind)
    {
        var rows = Golden.Read("nri_data.csv");
        var y = rows.Select(r => Golden.Number(r["y"])).ToArray();
        var p1 = rows.Select(r => Golden.Number(r["p1"])).ToArray();
        var p2 = rows.Select(r => Golden.Number(r["p2"])).ToArray();
        var result = kind == "continuous" ? ReclassificationImprovement.Continuous(p1, p2, y) : ReclassificationImprovement.Categorical(p1, p2, y, [0.2, 0.5]);
        var expected = Golden.Read("nri_expected.csv").Where(r => r["kind"] == kind).ToDictionary(r => r["index"]);
        foreach (var (name, index) in new[] { ("nri", result.Nri), ("nri_events", result.NriEvents), ("nri_nonevents", result.NriNonEvents), ("idi", result.Idi) })
        {
            var e = expected[name];
            foreach (var (field, value) in new[] { ("estimate", index.Estimate), ("se", index.StandardError), ("z", index.Z), ("p", index.P), ("lower", index.Lower), ("upper", index.Upper) })
                Assert.True(Math.Abs(value - Golden.Number(e[field])) <= 1e-8, $"{kind} {name} {field}: {value} vs {e[field]}");
        }
    }

    [Theory]
    [InlineData("exact_small")]
    [InlineData("exact_49")]
    [InlineData("normal_large")]
    [InlineData("ties")]
    [InlineData("exact_null")]
    public void MannWhitneyMatchesWilcoxTest(string name)
    {
        var rows = Golden.Read("mann_whitney_data.csv").Where(r => r["case"] == name).ToList();
        var result = MannWhitneyTest.Compute(rows.Select(r => Golden.Number(r["score"])).ToArray(), rows.Select(r => Golden.Number(r["class"])).ToArray());
        var e = Golden.Read("mann_whitney_expected.csv").Single(r => r["case"] == name);
        Assert.Equal(Golden.Number(e["w"]), result.W);
        Assert.Equal(e["exact"] == "TRUE", result.Exact);
        Assert.True(Math.Abs(result.P - Golden.Number(e["p"])) <= 1e-10, $"{name}: p {result.P} vs {e["p"]}");
    }

    private static void Relative(double actual, double expected, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: {actual} vs {expected}");
}
