namespace Radiogenomics.Statistics.Tests;

/// <summary>The data sets and R results of golden/make_elastic_net_golden.R (glmnet 4.1-6, see versions_elastic_net.txt).</summary>
internal sealed class ElasticNetGolden : GlmnetGolden
{
    public static readonly Lazy<ElasticNetGolden> Instance = new(() => new ElasticNetGolden());

    public Dictionary<string, double[]> Ols { get; } = new();

    private ElasticNetGolden() : base("enet")
    {
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

    public static TheoryData<string> Datasets() => DatasetsOf(Instance.Value);
}
