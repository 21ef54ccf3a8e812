namespace Radiogenomics.Statistics.Tests;

/// <summary>The data sets and R results of golden/make_elastic_net_golden.R (glmnet 4.1-6, see versions_elastic_net.txt).</summary>
internal sealed class ElasticNetGolden
{
    public static readonly Lazy<ElasticNetGolden> Instance = new(() => new ElasticNetGolden());

    public Dictionary<string, (double[][] Columns, double[] Y, int[] FoldId)> Data { get; } = new();
    public Dictionary<string, List<Dictionary<string, string>>> Path { get; } = new();
    public Dictionary<(string, int), Dictionary<int, double>> Coefficients { get; } = new();
    public Dictionary<string, List<Dictionary<string, string>>> Cv { get; } = new();
    public Dictionary<string, Dictionary<string, string>> CvOptimum { get; } = new();
    public Dictionary<string, double[]> Ols { get; } = new();

    private ElasticNetGolden()
    {
        var rows = new Dictionary<string, SortedDictionary<int, (double Y, int Fold)>>();
        var values = new Dictionary<string, SortedDictionary<int, SortedDictionary<int, double>>>();
        foreach (var r in Golden.Read("enet_data.csv"))
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
        foreach (var r in Golden.Read("enet_path.csv")) Add(Path, r["dataset"], r);
        foreach (var r in Golden.Read("enet_coefficients.csv"))
        {
            var key = (r["dataset"], int.Parse(r["step"]) - 1);
            if (!Coefficients.TryGetValue(key, out var c)) Coefficients[key] = c = new();
            c[int.Parse(r["term"]) - 1] = Golden.Number(r["estimate"]);
        }
        foreach (var r in Golden.Read("enet_cv.csv")) Add(Cv, r["dataset"], r);
        foreach (var r in Golden.Read("enet_cv_optimum.csv")) CvOptimum[r["dataset"]] = r;
        foreach (var g in Golden.Read("ols_coefficients.csv").GroupBy(r => r["dataset"]))
            Ols[g.Key] = g.OrderBy(r => int.Parse(r["term"])).Select(r => Golden.Number(r["estimate"])).ToArray();
    }

    /// <summary>The glmnet arguments of a design.</summary>
    public GaussianElasticNetOptions Options(string dataset)
    {
        var first = Path[dataset][0];
        bool user = bool.Parse(first["user_lambda"]);
        return new GaussianElasticNetOptions
        {
            Alpha = Golden.Number(first["alpha"]),
            Standardize = bool.Parse(first["standardize"]),
            Intercept = bool.Parse(first["fit_intercept"]),
            LambdaCount = int.Parse(first["nlambda"]),
            LambdaMinRatio = first["lambda_min_ratio"] == "NA" ? null : Golden.Number(first["lambda_min_ratio"]),
            Lambda = user ? Path[dataset].Select(r => Golden.Number(r["lambda"])).ToArray() : null,
        };
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
