namespace Radiogenomics.Genomics.Tests;

/// <summary>Largest absolute deviation of a comparison, written to the test output so that the report can quote it.</summary>
internal sealed class ParityReport(string name)
{
    public double MaxAbs { get; private set; }
    public int Compared { get; private set; }
    public string? Worst { get; private set; }

    public void Add(double expected, double actual, string where)
    {
        Compared++;
        if (double.IsNaN(expected) && double.IsNaN(actual)) return;
        if (double.IsPositiveInfinity(expected) && double.IsPositiveInfinity(actual)) return;
        if (double.IsNegativeInfinity(expected) && double.IsNegativeInfinity(actual)) return;
        double d = Math.Abs(expected - actual);
        if (double.IsNaN(d)) d = double.PositiveInfinity;
        if (d > MaxAbs || Worst is null) { if (d >= MaxAbs) { MaxAbs = d; Worst = $"{where}: expected {expected:R}, got {actual:R}"; } }
    }

    public void AssertWithin(double tolerance, ITestOutputHelper? output = null)
    {
        output?.WriteLine($"{name}: {Compared} values, max |Δ| = {MaxAbs:E2} ({Worst})");
        Assert.True(Compared > 0, $"{name}: nothing compared");
        Assert.True(MaxAbs <= tolerance, $"{name}: max |Δ| = {MaxAbs:E3} > {tolerance:E1} at {Worst}");
    }
}
