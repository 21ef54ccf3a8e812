namespace Radiogenomics.Statistics;

/// <summary>cv.glmnet's <c>type.measure</c> for the Cox family.</summary>
public enum CoxLassoMeasure
{
    /// <summary>Partial-likelihood deviance per event, by the Verweij–van Houwelingen difference (lower is better).</summary>
    Deviance,

    /// <summary>Harrell's C of the held-out linear predictor (higher is better).</summary>
    C,
}
