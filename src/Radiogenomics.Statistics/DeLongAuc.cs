namespace Radiogenomics.Statistics;

/// <summary>
/// An AUC with DeLong's variance and its normal confidence interval clipped to [0, 1], as <c>pROC::ci.auc(method = "delong")</c>
/// (direction fixed: controls &lt; cases). Variance and interval are NaN with fewer than 2 cases or 2 controls.
/// </summary>
public sealed record DeLongAuc(double Auc, double Variance, double CiLower, double CiUpper, int Cases, int Controls)
{
    public double StandardError => Math.Sqrt(Variance);
}
