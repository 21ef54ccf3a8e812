namespace Radiogenomics.Plotting.Tests;

public class AxisTicksTests
{
    [Fact]
    public void Nice_ticks_fall_on_round_numbers()
    {
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], AxisTicks.Nice(0, 1), new ToleranceComparer());
        Assert.Equal([0, 20, 40, 60, 80, 100, 120], AxisTicks.Nice(0, 120, 6), new ToleranceComparer());
        Assert.Equal([2, 4, 6, 8, 10], AxisTicks.Nice(0.003, 11.2), new ToleranceComparer());
        Assert.Equal([-1, -0.5, 0, 0.5, 1], AxisTicks.Nice(-1, 1, 4), new ToleranceComparer());
        Assert.Equal([5.0], AxisTicks.Nice(5, 5));
        Assert.Empty(AxisTicks.Nice(double.NaN, 1));
    }

    [Fact]
    public void Nice_range_widens_to_ticks()
    {
        Assert.Equal((0.0, 120.0), AxisTicks.NiceRange(0.4, 117.5));
        var (lo, hi) = AxisTicks.NiceRange(3, 3);
        Assert.True(lo < 3 && hi > 3);
    }

    [Fact]
    public void Labels_have_just_enough_decimals()
    {
        Assert.Equal("0.05", AxisTicks.Format(0.05, 0.05));
        Assert.Equal("0.4", AxisTicks.Format(0.4, 0.2));
        Assert.Equal("1.0", AxisTicks.Format(1, 0.2));
        Assert.Equal("120", AxisTicks.Format(120, 20));
        Assert.Equal("0.0", AxisTicks.Format(-1e-17, 0.5)); // no "-0.0"
        Assert.Equal("2E+6", AxisTicks.Format(2e6, 1e6));
    }

    private sealed class ToleranceComparer : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) < 1e-9;
        public int GetHashCode(double v) => 0;
    }
}
