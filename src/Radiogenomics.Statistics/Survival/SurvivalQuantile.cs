namespace Radiogenomics.Statistics;

/// <summary>A quantile of a survival curve (e.g. the median survival time) with its confidence limits; NaN where not reached.</summary>
public readonly record struct SurvivalQuantile(double Probability, double Estimate, double Lower, double Upper);
