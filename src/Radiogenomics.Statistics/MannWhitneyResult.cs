namespace Radiogenomics.Statistics;

/// <summary>Two-sided Wilcoxon rank-sum (Mann–Whitney) test: W of the cases, p, and whether p is exact or normal.</summary>
public sealed record MannWhitneyResult(double W, double P, bool Exact, int Cases, int Controls);
