namespace Radiogenomics.Statistics;

/// <summary>
/// A model fitted on one outer fold's training rows, as <see cref="CrossValidatedEstimate"/> needs it: a scorer of any
/// rows (feature columns in, probabilities out), the scores of the training rows the Youden cut-off is chosen on (NaN:
/// leave the row out), a statistic worth reporting per fold and the number of features the model used.
/// </summary>
public sealed record FoldModel(Func<IReadOnlyList<double[]>, double[]> Score, double[] CutoffScores, double Statistic, int Features);
