namespace Radiogenomics.Statistics;

/// <summary>The Hosmer–Lemeshow statistic, its degrees of freedom (g − 2), p-value and the per-group calibration table.</summary>
public sealed record HosmerLemeshowResult(double Statistic, int DegreesOfFreedom, double P, IReadOnlyList<HosmerLemeshowGroup> Groups);
