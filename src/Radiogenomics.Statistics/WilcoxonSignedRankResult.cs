namespace Radiogenomics.Statistics;

/// <summary>What <c>wilcox.test(paired = TRUE)</c> reports: V, the p-value, and how it was computed.</summary>
/// <param name="Statistic">V: the sum of the ranks of |d| over the positive differences.</param>
/// <param name="PValue">The p-value for the chosen alternative.</param>
/// <param name="Count">Differences used (zeros and pairs with a missing value dropped).</param>
/// <param name="Exact">True when from the exact signed-rank distribution.</param>
/// <param name="ContinuityCorrected">True when the normal approximation used the continuity correction.</param>
public sealed record WilcoxonSignedRankResult(double Statistic, double PValue, int Count, bool Exact, bool ContinuityCorrected);
