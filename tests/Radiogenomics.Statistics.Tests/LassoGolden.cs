namespace Radiogenomics.Statistics.Tests;

/// <summary>The data sets and R results of golden/make_classify_golden.R (glmnet 4.1-6, see versions_classify.txt).</summary>
internal sealed class LassoGolden : GlmnetGolden
{
    public static readonly Lazy<LassoGolden> Instance = new(() => new LassoGolden());

    private LassoGolden() : base("lasso") { }

    public static TheoryData<string> Datasets() => DatasetsOf(Instance.Value);
}
