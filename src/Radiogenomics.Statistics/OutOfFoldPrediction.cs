namespace Radiogenomics.Statistics;

/// <summary>
/// One unit's (patient's, or image's) held-out prediction from <see cref="NestedLassoEstimate"/>: its outer fold, its label as
/// that fold's training patients define it, the predicted probability (mean over the unit's rows), the Youden cut-off chosen
/// on the fold's training units, and the λ the inner cross-validation chose.
/// </summary>
public sealed record OutOfFoldPrediction(int Unit, int Fold, double Label, double Score, double Threshold, double Lambda, int NonZero);
