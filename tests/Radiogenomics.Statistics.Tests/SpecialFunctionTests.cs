namespace Radiogenomics.Statistics.Tests;

/// <summary>The special functions behind limma's eBayes (polygamma, Student t quantiles) and R's quantile type 7; moved here with them from Genomics.</summary>
public class SpecialFunctionTests
{
    [Fact]
    public void PolygammaMatchesKnownValues()
    {
        const double eulerGamma = 0.57721566490153286, zeta3 = 1.2020569031595943;
        Assert.Equal(-eulerGamma, Polygamma.Digamma(1), 14);
        Assert.Equal(-eulerGamma - 2 * Math.Log(2), Polygamma.Digamma(0.5), 14);
        Assert.Equal(Math.PI * Math.PI / 6, Polygamma.Trigamma(1), 14);
        Assert.Equal(Math.PI * Math.PI / 2, Polygamma.Trigamma(0.5), 13);
        Assert.Equal(-2 * zeta3, Polygamma.Tetragamma(1), 13);
        // R 4.2.2 values
        Assert.Equal(0.0081366516108652628, Polygamma.Trigamma(123.4), 15);
        Assert.Equal(4.8113737751162775, Polygamma.Digamma(123.4), 14);
        Assert.Equal(-0.12375118526494272, Polygamma.Tetragamma(3.3), 15);
        Assert.Equal(-100.56088545786866, Polygamma.Digamma(0.01), 12);
        foreach (double y in new[] { 0.3, 1.7, 12.0, 250.0 })
            Assert.Equal(y, Polygamma.TrigammaInverse(Polygamma.Trigamma(y)), 6);
    }

    [Fact]
    public void StudentTQuantileInvertsTheCdf()
    {
        Assert.Equal(2.2281388519862739, StudentTQuantile.Upper(0.025, 10), 12);   // R qt(0.975, 10)
        Assert.Equal(12.706204736174694, StudentTQuantile.Upper(0.025, 1), 10);    // R qt(0.975, 1)
        foreach (double df in new[] { 1.5, 4, 17.3, 300 })
            foreach (double p in new[] { 1e-12, 1e-5, 0.01, 0.3 })
            {
                double t = StudentTQuantile.Upper(p, df);
                Assert.Equal(1.0, Radiogenomics.Statistics.StudentT.Cdf(t, df, lowerTail: false) / p, 10);
            }
    }

    [Fact]
    public void RQuantileType7MatchesR()
    {
        double[] x = [3, 1, 4, 1, 5, 9, 2, 6, double.NaN];
        // R: quantile(c(3,1,4,1,5,9,2,6), c(0.025, 0.5, 0.975), type = 7) = 1.000, 3.500, 8.475
        Assert.Equal([1.0, 3.5, 8.475], RQuantile.Type7(x, 0.025, 0.5, 0.975).Select(v => Math.Round(v, 12)));
    }
}
