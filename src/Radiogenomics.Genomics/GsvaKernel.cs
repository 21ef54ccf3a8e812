namespace Radiogenomics.Genomics;

/// <summary>How GSVA estimates each gene's cumulative distribution across samples (GSVA's <c>kcdf</c>).</summary>
public enum GsvaKernel
{
    /// <summary><c>kcdf = "Gaussian"</c>: Gaussian kernel with bandwidth sd/4, for continuous log-scale data (the default).</summary>
    Gaussian,

    /// <summary><c>kcdf = "Poisson"</c>: mean of ppois(x_j, x_i + 0.5) over samples i, for integer counts.</summary>
    Poisson,

    /// <summary><c>kcdf = "none"</c>: the empirical CDF itself.</summary>
    None,
}
