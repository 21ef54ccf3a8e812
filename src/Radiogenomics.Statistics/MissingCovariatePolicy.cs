namespace Radiogenomics.Statistics;

/// <summary>What a fit does with patients whose covariate is NaN or infinite.</summary>
public enum MissingCovariatePolicy
{
    /// <summary>Report <see cref="FitStatus.MissingCovariate"/> (nlme's default <c>na.action = na.fail</c> stops with an error).</summary>
    Fail = 0,

    /// <summary>Drop those patients and all their images, like <c>lme(..., na.action = na.omit)</c>.</summary>
    Omit = 1,
}
