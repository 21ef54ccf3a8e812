namespace Radiogenomics.Statistics;

/// <summary>One point of a cumulative/dynamic ROC curve at time t: patients with marker ≥ <see cref="Threshold"/> are called positive.</summary>
public sealed record TimeDependentRocPoint(double Threshold, double TruePositiveRate, double FalsePositiveRate);
