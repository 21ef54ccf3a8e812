namespace Radiogenomics.Statistics;

/// <summary>One quantile group of <see cref="HosmerLemeshowTest"/>: its probability range, size, mean predicted and observed event rate.</summary>
public sealed record HosmerLemeshowGroup(int Group, double Lower, double Upper, int Count, double MeanPredicted, double ObservedRate,
    double ObservedEvents, double ExpectedEvents);
