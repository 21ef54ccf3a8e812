namespace Radiogenomics.Statistics.Coexpression;

/// <summary>
/// One row of WGCNA's <c>pickSoftThreshold</c> table: the scale-free fit R² (<c>SFT.R.sq</c>), its slope, the truncated
/// exponential fit's adjusted R², and the mean, median and maximum connectivity at one power.
/// </summary>
public sealed record SoftThresholdFit(int Power, double ScaleFreeRSquared, double Slope, double TruncatedRSquared,
    double MeanConnectivity, double MedianConnectivity, double MaxConnectivity);
