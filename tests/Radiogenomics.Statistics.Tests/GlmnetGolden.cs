namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// The glmnet-shaped golden files one R script writes under a prefix: <c>{prefix}_data.csv</c> (long: dataset, row,
/// feature, value, y, foldid), <c>_path.csv</c>, <c>_coefficients.csv</c> (1-based step and term), <c>_cv.csv</c> and
/// <c>_cv_optimum.csv</c>.
/// </summary>
internal abstract class GlmnetGolden
{
    public Dictionary<string, (double[][] Columns, double[] Y, int[] FoldId)> Data { get; } = new();
    public Dictionary<string, List<Dictionary<string, string>>> Path { get; } = new();
    public Dictionary<(string, int), Dictionary<int, double>> Coefficients { get; } = new();
    public Dictionary<string, List<Dictionary<string, string>>> Cv { get; } = new();
    public Dictionary<string, Dictionary<string, string>> CvOptimum { get; } = new();

    protected GlmnetGolden(string prefix)
    {
        var rows = new Dictionary<string, SortedDictionary<int, (double Y, int Fold)>>();
        var values = new Dictionary<string, SortedDictionary<int, SortedDictionary<int, double>>>();
        foreach (var r in Golden.Read($"{prefix}_data.csv"))
        {
            string ds = r["dataset"];
            int row = int.Parse(r["row"]), feature = int.Parse(r["feature"]);
            if (!rows.TryGetValue(ds, out var rr)) { rows[ds] = rr = new(); values[ds] = new(); }
            rr[row] = (Golden.Number(r["y"]), int.Parse(r["foldid"]));
            if (!values[ds].TryGetValue(feature, out var col)) values[ds][feature] = col = new();
            col[row] = Golden.Number(r["value"]);
        }
        foreach (var (ds, rr) in rows)
            Data[ds] = (values[ds].Values.Select(c => c.Values.ToArray()).ToArray(), rr.Values.Select(v => v.Y).ToArray(), rr.Values.Select(v => v.Fold).ToArray());
        foreach (var r in Golden.Read($"{prefix}_path.csv")) Add(Path, r["dataset"], r);
        foreach (var r in Golden.Read($"{prefix}_coefficients.csv"))
        {
            var key = (r["dataset"], int.Parse(r["step"]) - 1);
            if (!Coefficients.TryGetValue(key, out var c)) Coefficients[key] = c = new();
            c[int.Parse(r["term"]) - 1] = Golden.Number(r["estimate"]);
        }
        foreach (var r in Golden.Read($"{prefix}_cv.csv")) Add(Cv, r["dataset"], r);
        foreach (var r in Golden.Read($"{prefix}_cv_optimum.csv")) CvOptimum[r["dataset"]] = r;
    }

    private static void Add(Dictionary<string, List<Dictionary<string, string>>> to, string key, Dictionary<string, string> row)
    {
        if (!to.TryGetValue(key, out var list)) to[key] = list = new();
        list.Add(row);
    }

    /// <summary>The data set names of <paramref name="golden"/>, as xunit theory data.</summary>
    protected static TheoryData<string> DatasetsOf(GlmnetGolden golden)
    {
        var data = new TheoryData<string>();
        foreach (var ds in golden.Path.Keys) data.Add(ds);
        return data;
    }
}
