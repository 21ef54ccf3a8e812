namespace Radiogenomics.Statistics;

/// <summary>
/// One unit's (patient's, or image's) held-out prediction from <see cref="NestedForestEstimate"/>: its outer fold, its label
/// as that fold's training units define it, the score (share of trees voting 1, averaged over the unit's rows), the Youden
/// cut-off chosen on the fold's training units' out-of-bag scores, the fold forest's OOB error and the features it saw.
/// </summary>
public sealed record ForestPrediction(int Unit, int Fold, double Label, double Score, double Threshold, double OobError, int Features);
