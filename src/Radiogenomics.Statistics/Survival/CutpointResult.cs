namespace Radiogenomics.Statistics;

/// <summary>
/// An optimal cut-point by maximally selected rank statistics (maxstat): the cut (patients with a value ≤ it form the
/// low group), the maximal standardised statistic M, Lausen &amp; Schumacher's 1994 approximate p-value of M
/// (<c>pmethod = "Lau94"</c>), and every candidate cut with its statistic.
/// </summary>
public sealed record CutpointResult(double Cutpoint, double Statistic, double P, IReadOnlyList<double> Cuts, IReadOnlyList<double> Statistics);
