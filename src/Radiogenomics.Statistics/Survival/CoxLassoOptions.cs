namespace Radiogenomics.Statistics;

/// <summary>
/// The arguments of <c>glmnet(family = "cox")</c> that <see cref="CoxLasso"/> honours, with glmnet's defaults (and
/// <c>glmnet.control()</c>'s factory settings: fdev 1e-5, devmax 0.999, eps 1e-6, mnlam 5, big 9.9e35).
/// </summary>
public sealed record CoxLassoOptions
{
    /// <summary>Elastic-net mixing: 1 the lasso, 0 ridge.</summary>
    public double Alpha { get; init; } = 1;

    /// <summary><c>nlambda</c>.</summary>
    public int LambdaCount { get; init; } = 100;

    /// <summary><c>lambda.min.ratio</c>; null for glmnet's default, 0.01 when n &lt; p, else 1e-4.</summary>
    public double? LambdaMinRatio { get; init; }

    /// <summary>A user λ sequence (sorted decreasing before use, as glmnet does); the path then never stops early.</summary>
    public IReadOnlyList<double>? Lambda { get; init; }

    /// <summary><c>thresh</c>: coordinate descent stops when every weighted squared change is below thresh × null deviance.</summary>
    public double Threshold { get; init; } = 1e-7;

    /// <summary><c>maxit</c>: passes over the data for all λ together.</summary>
    public int MaxPasses { get; init; } = 100_000;

    /// <summary><c>standardize</c>: fit on features scaled by their 1/n standard deviation; coefficients come back on the original scale.</summary>
    public bool Standardize { get; init; } = true;
}
