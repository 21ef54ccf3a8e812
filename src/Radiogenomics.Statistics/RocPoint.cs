namespace Radiogenomics.Statistics;

/// <summary>One point of an empirical ROC curve: scores above <see cref="Threshold"/> are called positive.</summary>
public readonly record struct RocPoint(double Threshold, double Sensitivity, double Specificity);
