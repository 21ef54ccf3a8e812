namespace Radiogenomics.Statistics;

/// <summary>
/// The threshold that maximises sensitivity + specificity (pROC's <c>coords(x = "best", best.method = "youden")</c>; among
/// equally good thresholds the lowest); a score above the threshold is called positive.
/// </summary>
public sealed record YoudenCutoff(double Threshold, double Sensitivity, double Specificity);
