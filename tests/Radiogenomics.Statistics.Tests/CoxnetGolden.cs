namespace Radiogenomics.Statistics.Tests;

/// <summary>The data and results of golden/make_coxnet_golden.R: glmnet(family = "cox") paths and cv.glmnet fits.</summary>
internal sealed class CoxnetGolden
{
    public static readonly Lazy<CoxnetGolden> Instance = new(() => new CoxnetGolden());

    public static readonly string[] Names = ["rotterdam", "gbsg", "sim_wide", "sim_cont"];

    public static IEnumerable<object[]> Fits => Names.SelectMany(n => new[] { new object[] { n, 1.0 }, [n, 0.5] });

    public static IEnumerable<object[]> CrossValidations => Fits.SelectMany(f => new[] { f.Append("deviance").ToArray(), f.Append("C").ToArray() });

    private CoxnetGolden()
    {
        foreach (var name in Names)
        {
            var rows = Golden.Read($"coxnet_data_{name}.csv");
            var features = rows[0].Keys.Where(k => k is not ("time" or "status" or "foldid")).ToArray();
            Data[name] = new Dataset(
                rows.Select(r => Golden.Number(r["time"])).ToArray(),
                rows.Select(r => (int)Golden.Number(r["status"])).ToArray(),
                rows.Select(r => (int)Golden.Number(r["foldid"])).ToArray(),
                features,
                features.Select(f => rows.Select(r => Golden.Number(r[f])).ToArray()).ToArray());
        }
        foreach (var row in Golden.Read("coxnet_steps.csv"))
            Steps.GetOrAdd((row["dataset"], Golden.Number(row["alpha"]))).Add(row);
        foreach (var row in Golden.Read("coxnet_path.csv"))
        {
            var key = (row["dataset"], Golden.Number(row["alpha"]), int.Parse(row["step"]) - 1);
            Path.GetOrAdd(key)[row["term"]] = Golden.Number(row["estimate"]);
        }
        foreach (var row in Golden.Read("coxnet_cv.csv"))
            Cv.GetOrAdd((row["dataset"], Golden.Number(row["alpha"]), row["measure"])).Add(row);
        foreach (var row in Golden.Read("coxnet_cv_optimum.csv"))
            Optimum[(row["dataset"], Golden.Number(row["alpha"]), row["measure"])] = row;
    }

    public sealed record Dataset(double[] Time, int[] Status, int[] FoldId, string[] Features, double[][] Columns);

    public Dictionary<string, Dataset> Data { get; } = new();

    public Dictionary<(string, double), List<Dictionary<string, string>>> Steps { get; } = new();

    /// <summary>Non-zero coefficients by (dataset, alpha, 0-based step) and term.</summary>
    public Dictionary<(string, double, int), Dictionary<string, double>> Path { get; } = new();

    public Dictionary<(string, double, string), List<Dictionary<string, string>>> Cv { get; } = new();

    public Dictionary<(string, double, string), Dictionary<string, string>> Optimum { get; } = new();
}

internal static class DictionaryExtensions
{
    public static TValue GetOrAdd<TKey, TValue>(this Dictionary<TKey, TValue> dictionary, TKey key) where TKey : notnull where TValue : new()
    {
        if (!dictionary.TryGetValue(key, out var value)) dictionary[key] = value = new TValue();
        return value;
    }
}
