namespace Radiogenomics.Statistics.Tests;

/// <summary><see cref="OrdinaryLeastSquares"/> against <c>lm(y ~ x)</c> on the elastic-net designs with n &gt; p (golden/make_elastic_net_golden.R).</summary>
public class OrdinaryLeastSquaresTests
{
    /// <summary>Stated tolerance: every coefficient, relative to max(1, |β|); an aliased column NA in both.</summary>
    private const double Tolerance = 1e-10;

    public static TheoryData<string> Designs()
    {
        var data = new TheoryData<string>();
        foreach (var ds in ElasticNetGolden.Instance.Value.Ols.Keys) data.Add(ds);
        return data;
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void CoefficientsMatchLm(string dataset)
    {
        var g = ElasticNetGolden.Instance.Value;
        var (columns, y, _) = g.Data[dataset];
        var fit = OrdinaryLeastSquares.Fit(columns, y);
        var expected = g.Ols[dataset];
        Assert.Equal(expected.Length, columns.Length + 1);
        Check(expected[0], fit.Intercept, $"{dataset} intercept");
        for (int j = 0; j < columns.Length; j++) Check(expected[j + 1], fit.Coefficients[j], $"{dataset} x{j + 1}");
        Assert.Equal(expected.Count(v => !double.IsNaN(v)), fit.Rank);
    }

    [Fact]
    public void MoreColumnsThanRowsKeepTheFirstSpanningOnes()
    {
        var (columns, y, _) = ElasticNetGolden.Instance.Value.Data["n50_p150_a1"];
        var fit = OrdinaryLeastSquares.Fit(columns, y);
        Assert.Equal(50, fit.Rank);
        Assert.True(fit.Coefficients.Take(49).All(double.IsFinite));
        Assert.True(fit.Coefficients.Skip(49).All(double.IsNaN));
        // An interpolating fit: every residual 0.
        for (int i = 0; i < y.Length; i++) Assert.Equal(y[i], fit.Predict(columns, i), 1e-8);
    }

    private static void Check(double expected, double actual, string what)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{what}: {actual}, lm NA"); return; }
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: {actual} vs {expected}");
    }
}
