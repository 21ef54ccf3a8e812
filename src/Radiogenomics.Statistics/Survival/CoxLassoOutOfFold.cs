namespace Radiogenomics.Statistics;

/// <summary>
/// One patient's held-out risk from <see cref="NestedCoxLassoEstimate"/>: its outer fold, the linear predictor of the fold's
/// model (centred on the fold's training patients; higher = worse), the λ the inner cross-validation chose and how many
/// coefficients are non-zero there.
/// </summary>
public sealed record CoxLassoOutOfFold(int Patient, int Fold, double Risk, double Lambda, int NonZero);
