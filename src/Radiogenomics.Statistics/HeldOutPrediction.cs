namespace Radiogenomics.Statistics;

/// <summary>
/// One unit's (patient's, or image's) held-out prediction from <see cref="CrossValidatedEstimate"/>: its outer fold, its
/// label as that fold's training units define it, the score (mean over the unit's rows), the Youden cut-off chosen on the
/// fold's training units, a statistic of the fold's model (a forest's OOB error, …) and the features the model saw.
/// </summary>
public sealed record HeldOutPrediction(int Unit, int Fold, double Label, double Score, double Threshold, double FoldStatistic, int Features);
