namespace Radiogenomics.Statistics.Tests;

/// <summary>The survival data sets of golden/make_survival_golden.R (rotterdam, gbsg, three seeded simulations).</summary>
internal sealed record SurvivalGolden(string Name, double[] Time, int[] Status, int[] Group, int[] Stratum, double[][] X)
{
    private static readonly Lazy<Dictionary<string, SurvivalGolden>> All = new(() =>
        Golden.Read("surv_data.csv").GroupBy(r => r["dataset"]).ToDictionary(g => g.Key, g =>
        {
            var rows = g.ToList();
            return new SurvivalGolden(g.Key,
                rows.Select(r => Golden.Number(r["time"])).ToArray(),
                rows.Select(r => (int)Golden.Number(r["status"])).ToArray(),
                rows.Select(r => (int)Golden.Number(r["group"])).ToArray(),
                rows.Select(r => (int)Golden.Number(r["stratum"])).ToArray(),
                Enumerable.Range(1, 6).Select(j => rows.Select(r => Golden.Number(r["x" + j])).ToArray()).ToArray());
        }));

    public static SurvivalGolden Get(string name) => All.Value[name];

    public static IEnumerable<string> Names => All.Value.Keys;

    public double[] Column(string term) => X[int.Parse(term[1..]) - 1];

    /// <summary>Asserts |actual − expected| ≤ tolerance · max(|expected|, floor); NaN matches NaN, infinities match exactly.</summary>
    public static void Near(double expected, double actual, double tolerance, string what, double floor = 1e-300)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{what}: expected NA, got {actual:R}"); return; }
        if (double.IsInfinity(expected)) { Assert.Equal(expected, actual); return; }
        double error = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), floor);
        Assert.True(error <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (relative error {error:E2} > {tolerance:E0})");
    }
}
