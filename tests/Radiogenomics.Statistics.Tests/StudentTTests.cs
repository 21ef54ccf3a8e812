namespace Radiogenomics.Statistics.Tests;

/// <summary><see cref="StudentT"/> against R's pt() on a grid of t (±0 … ±1e10) and df (1 … 1e6), golden/student_t.csv.</summary>
public class StudentTTests
{
    // Stated tolerance, relative (absolute 1e-300 where R underflows): 1e-12 for df ≤ 1e4; 1e-10 above, where the continued
    // fraction's terms cancel to ~df·ε (R's TOMS 708 switches to asymptotic expansions there). The LMM uses df ≤ N − m.
    private static double Relative(double df) => df <= 1e4 ? 1e-12 : 1e-10;

    public static TheoryData<double, double, double, double, double> Grid()
    {
        var data = new TheoryData<double, double, double, double, double>();
        foreach (var r in Golden.Read("student_t.csv"))
            data.Add(Golden.Number(r["t"]), Golden.Number(r["df"]), Golden.Number(r["p_two_sided"]), Golden.Number(r["lower"]), Golden.Number(r["upper"]));
        return data;
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void MatchesRPt(double t, double df, double twoSided, double lower, double upper)
    {
        AssertClose(twoSided, StudentT.TwoSidedP(t, df), Relative(df));
        AssertClose(lower, StudentT.Cdf(t, df), Relative(df));
        AssertClose(upper, StudentT.Cdf(t, df, lowerTail: false), Relative(df));
    }

    [Fact]
    public void EdgeCases()
    {
        Assert.True(double.IsNaN(StudentT.TwoSidedP(double.NaN, 5)));
        Assert.True(double.IsNaN(StudentT.TwoSidedP(1, 0)));
        Assert.Equal(0.0, StudentT.TwoSidedP(double.PositiveInfinity, 5));
        Assert.Equal(1.0, StudentT.Cdf(double.PositiveInfinity, 5));
        Assert.Equal(0.0, StudentT.Cdf(double.NegativeInfinity, 5));
        Assert.Equal(StandardNormal.Cdf(1.5), StudentT.Cdf(1.5, double.PositiveInfinity));
    }

    private static void AssertClose(double expected, double actual, double relative)
    {
        if (expected == actual) return;
        double diff = Math.Abs(expected - actual);
        Assert.True(diff <= relative * Math.Abs(expected) || diff < 1e-300, $"expected {expected:R}, got {actual:R} (relative {diff / Math.Abs(expected):E2})");
    }
}
