using System.Text;

namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// Prints the largest observed deviation from each R reference, per quantity (run explicitly:
/// <c>dotnet run --project tests/Radiogenomics.Statistics.Tests -c Release -- -explicit only -method "*ParityReport*" -showLiveOutput</c>).
/// Asserts nothing; the limits are asserted by <see cref="LmmGoldenTests"/>.
/// </summary>
public class ParityReport
{
    [Fact(Explicit = true)]
    public void PrintMaximumDeviations()
    {
        var g = LmmGolden.Instance;
        var endToEnd = new Dictionary<(string, string), (double Value, string Where)>();
        var formula = new Dictionary<(string, string), (double Value, string Where)>();
        int rows = 0;
        foreach (var (ds, cv, reference) in LmmParity.Rows())
        {
            var r = g.Expected[(ds, cv, reference)];
            var fit = LmmParity.FitRow(ds, cv);
            if (r["status"] == "error" || (fit.Status == FitStatus.ZeroResidualVariance && reference != "lm_patient_means")) continue;
            rows++;
            Track(endToEnd, reference, LmmParity.Compare(fit, r, LmmParity.For(reference)), $"{ds}/{cv} {fit.Status}");
            if (reference == "lm_patient_means") continue;
            var at = LinearMixedModel.FitAtVarianceRatio(g.Summaries[ds], g.Covariates[(ds, cv)], LmmParity.ReferenceGamma(r));
            Track(formula, reference, LmmParity.Compare(at, r, LmmParity.Formula), $"{ds}/{cv}");
        }
        var text = new StringBuilder();
        text.AppendLine($"{rows} compared rows. Deviation units: β as stated by the tolerance (β-relative for Tight, relative to max(|β|, SE) otherwise), " +
                        "SE/σ² relative, σ_b² relative to σ²+σ_b², t relative to max(|t|,1), p as min(abs/PAbs, rel/PRel) (≤ 1 passes), logLik relative.");
        Print(text, "End to end (our optimum vs the reference's fit)", endToEnd);
        Print(text, "Formula (our closed form at the reference's own γ)", formula);
        TestContext.Current.TestOutputHelper?.WriteLine(text.ToString());
    }

    [Fact(Explicit = true)]
    public void PrintDistributionAndCorrelationDeviations()
    {
        var output = TestContext.Current.TestOutputHelper;
        double small = 0, large = 0;
        foreach (var r in Golden.Read("student_t.csv"))
        {
            double t = Golden.Number(r["t"]), df = Golden.Number(r["df"]);
            foreach (var (expected, actual) in new[] { (Golden.Number(r["p_two_sided"]), StudentT.TwoSidedP(t, df)),
                         (Golden.Number(r["lower"]), StudentT.Cdf(t, df)), (Golden.Number(r["upper"]), StudentT.Cdf(t, df, false)) })
            {
                if (expected == 0 || expected == actual) continue;
                double rel = Math.Abs(expected - actual) / expected;
                if (df <= 1e4) small = Math.Max(small, rel); else large = Math.Max(large, rel);
            }
        }
        output?.WriteLine($"pt: max relative deviation {small:E2} (df <= 1e4), {large:E2} (df 1e6)");

        var data = new Dictionary<string, (List<double> X, List<double> Y)>();
        foreach (var r in Golden.Read("cor_data.csv"))
        {
            if (!data.TryGetValue(r["case"], out var v)) data[r["case"]] = v = (new(), new());
            v.X.Add(Golden.Number(r["x"])); v.Y.Add(Golden.Number(r["y"]));
        }
        var max = new Dictionary<string, double>();
        void Note(string key, double expected, double actual, double scale)
        {
            if (double.IsNaN(expected) || expected == actual) { max.TryAdd(key, 0); return; }
            max[key] = Math.Max(max.GetValueOrDefault(key), Math.Abs(expected - actual) / scale);
        }
        foreach (var r in Golden.Read("cor_expected.csv"))
        {
            var (x, y) = (data[r["case"]].X.ToArray(), data[r["case"]].Y.ToArray());
            var alt = r["alternative"] switch { "less" => Alternative.Less, "greater" => Alternative.Greater, _ => Alternative.TwoSided };
            var res = r["method"] == "pearson" ? PearsonCorrelation.Test(x, y, alt) : SpearmanCorrelation.Test(x, y, alt);
            string m = r["method"];
            double n = x.Length, est = Golden.Number(r["estimate"]), st = Golden.Number(r["statistic"]), p = Golden.Number(r["p"]);
            Note($"{m} estimate (relative)", est, res.Estimate, Math.Abs(est));
            Note($"{m} statistic ({(m == "pearson" ? "relative" : "relative to (n^3-n)/6")})", st, res.Statistic, m == "pearson" ? Math.Abs(st) : (n * n * n - n) / 6);
            Note($"{m} p (absolute)", p, res.PValue, 1);
            Note($"{m} p (relative)", p, res.PValue, p);
            if (m == "pearson")
            {
                Note("pearson conf.int (relative)", Golden.Number(r["conf_low"]), res.ConfidenceLower, Math.Abs(Golden.Number(r["conf_low"])));
                Note("pearson conf.int (relative)", Golden.Number(r["conf_high"]), res.ConfidenceUpper, Math.Abs(Golden.Number(r["conf_high"])));
            }
        }
        foreach (var (key, value) in max.OrderBy(kv => kv.Key)) output?.WriteLine($"cor.test {key}: {value:E2}");
    }

    private static void Track(Dictionary<(string, string), (double, string)> max, string reference, List<LmmParity.Deviation> deviations, string where)
    {
        // Raw p deviations as well, next to the pass/fail unit.
        var raw = deviations.Where(d => d.Quantity.StartsWith('p')).SelectMany(d => new[]
        {
            d with { Quantity = d.Quantity[..2] + " absolute", Value = Math.Abs(d.Ours - d.Theirs) },
            d with { Quantity = d.Quantity[..2] + " relative", Value = d.Ours == d.Theirs ? 0 : Math.Abs(d.Ours - d.Theirs) / d.Theirs },
        }).ToList();
        foreach (var d in deviations.Concat(raw))
            if (!max.TryGetValue((reference, d.Quantity), out var cur) || d.Value > cur.Item1)
                max[(reference, d.Quantity)] = (d.Value, $"{where}: ours {d.Ours:G10}, R {d.Theirs:G10}");
    }

    private static void Print(StringBuilder text, string title, Dictionary<(string, string), (double Value, string Where)> max)
    {
        text.AppendLine(title);
        foreach (var ((reference, quantity), (value, where)) in max.OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2))
            text.AppendLine($"  {reference,-17} {quantity,-32} {value,10:E2}   {where}");
    }
}
