namespace Radiogenomics.Statistics;

/// <summary>Which correlation a <see cref="CorrelationTestResult"/> describes.</summary>
public enum CorrelationMethod
{
    /// <summary>Pearson's product-moment correlation (<see cref="PearsonCorrelation"/>).</summary>
    Pearson = 0,

    /// <summary>Spearman's rank correlation rho (<see cref="SpearmanCorrelation"/>).</summary>
    Spearman = 1,
}
