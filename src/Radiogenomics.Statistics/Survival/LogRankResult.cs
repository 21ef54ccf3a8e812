namespace Radiogenomics.Statistics;

/// <summary>
/// A (weighted) log-rank test as <c>survdiff</c> reports it: per group the number of subjects and the observed and expected
/// events (both weighted by S(t−)^ρ when ρ ≠ 0), the χ² statistic, its degrees of freedom (groups with expected events − 1) and p.
/// </summary>
public sealed record LogRankResult(IReadOnlyList<int> Count, IReadOnlyList<double> Observed, IReadOnlyList<double> Expected, double ChiSquare, int DegreesOfFreedom)
{
    public double P => ChiSquared.UpperTail(ChiSquare, DegreesOfFreedom);
}
