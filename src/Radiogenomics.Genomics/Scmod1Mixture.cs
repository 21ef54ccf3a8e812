namespace Radiogenomics.Genomics;

/// <summary>
/// genefu's <c>scmod1.robust</c> Gaussian mixture on the rescaled (ESR1, ERBB2) module scores: mclust model EEI (shared diagonal
/// covariance), 3 components in subtype order ER−/HER2−, HER2+, ER+/HER2−.
/// </summary>
/// <param name="Proportions">Mixing proportions π_k.</param>
/// <param name="MeanEsr1">Component means of the ESR1 module score.</param>
/// <param name="MeanErbb2">Component means of the ERBB2 module score.</param>
/// <param name="VarianceEsr1">Shared variance of the ESR1 score.</param>
/// <param name="VarianceErbb2">Shared variance of the ERBB2 score.</param>
/// <param name="RescaleQuantile">q of genefu's <c>rescale(x, q)</c>: the module scores are rescaled with the q/2 and 1 − q/2 quantiles.</param>
public sealed record Scmod1Mixture(IReadOnlyList<double> Proportions, IReadOnlyList<double> MeanEsr1, IReadOnlyList<double> MeanErbb2,
    double VarianceEsr1, double VarianceErbb2, double RescaleQuantile);
