namespace Radiogenomics.Statistics.Tests;

/// <summary>The data sets and R results of golden/make_classify_golden.R (glmnet 4.1-6, see versions_classify.txt).</summary>
internal sealed class LassoGolden
{
    public static readonly Lazy<LassoGolden> Instance = new(() => new LassoGolden());

    public Dictionary<string, (double[][] Columns, double[] Y, int[] FoldId)> Data { get; } = new();
    public Dictionary<string, List<Dictionary<string, string>>> Path { get; } = new();
    public Dictionary<(string, int), Dictionary<int, double>> Coefficients { get; } = new();
    public Dictionary<string, List<Dictionary<string, string>>> Cv { get; } = new();
    public Dictionary<string, Dictionary<string, string>> CvOptimum { get; } = new();

    private LassoGolden()
    {
        var rows = new Dictionary<string, SortedDictionary<int, (double Y, int Fold)>>();
        var values = new Dictionary<string, SortedDictionary<int, SortedDictionary<int, double>>>();
        foreach (var r in Golden.Read("lasso_data.csv"))
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
        foreach (var r in Golden.Read("lasso_path.csv")) Add(Path, r["dataset"], r);
        foreach (var r in Golden.Read("lasso_coefficients.csv"))
        {
            var key = (r["dataset"], int.Parse(r["step"]) - 1);
            if (!Coefficients.TryGetValue(key, out var c)) Coefficients[key] = c = new();
            c[int.Parse(r["term"]) - 1] = Golden.Number(r["estimate"]);
        }
        foreach (var r in Golden.Read("lasso_cv.csv")) Add(Cv, r["dataset"], r);
        foreach (var r in Golden.Read("lasso_cv_optimum.csv")) CvOptimum[r["dataset"]] = r;
    }

    private static void Add(Dictionary<string, List<Dictionary<string, string>>> to, string key, Dictionary<string, string> row)
    {
        if (!to.TryGetValue(key, out var list)) to[key] = list = new();
        list.Add(row);
    }

    public static TheoryData<string> Datasets()
    {
        var data = new TheoryData<string>();
        foreach (var ds in Instance.Value.Path.Keys) data.Add(ds);
        return data;
    }
}
