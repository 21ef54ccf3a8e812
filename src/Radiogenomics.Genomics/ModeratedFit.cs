namespace Radiogenomics.Genomics;

/// <summary>
/// limma's fit after <c>eBayes()</c>: the prior (d₀, s₀²) from the residual variances, the squeezed variances s̃², moderated
/// t-statistics on d + d₀ df, their two-sided p-values and the B-statistic (log-odds of differential expression).
/// </summary>
public sealed class ModeratedFit
{
    private readonly double[] _t, _p, _lods;

    internal ModeratedFit(LinearModelFit fit, double dfPrior, double[] dfPriors, double[] s2Prior, double[] s2Post, double[] dfTotal, double[] t,
        double[] p, double[] lods, double[] varPrior, double proportion)
    {
        Fit = fit;
        DfPrior = dfPrior;
        DfPriors = dfPriors;
        S2Prior = s2Prior;
        S2Post = s2Post;
        DfTotal = dfTotal;
        _t = t;
        _p = p;
        _lods = lods;
        VarPrior = varPrior;
        Proportion = proportion;
    }

    /// <summary>The <c>lmFit</c> result that was moderated.</summary>
    public LinearModelFit Fit { get; }

    /// <summary>Prior degrees of freedom d₀ (+∞ when the residual variances are no more variable than chance).</summary>
    public double DfPrior { get; }

    /// <summary>Prior degrees of freedom per gene (limma's <c>df.prior</c>): d₀ repeated, or with <c>robust = TRUE</c> each gene's d₀
    /// shrunk by its probability of being an outlier (<see cref="DfPrior"/> is then the fitted d₀ before shrinking).</summary>
    public IReadOnlyList<double> DfPriors { get; }

    /// <summary>Prior variance s₀² per gene: one value repeated, or the trend's value at each gene's Amean (<c>trend = TRUE</c>).</summary>
    public IReadOnlyList<double> S2Prior { get; }

    /// <summary>Posterior variances s̃² = (d·s² + d₀·s₀²)/(d + d₀) per gene (d₀ the gene's own with robust = TRUE).</summary>
    public IReadOnlyList<double> S2Post { get; }

    /// <summary>Degrees of freedom of the moderated t: min(d + d₀, Σ d).</summary>
    public IReadOnlyList<double> DfTotal { get; }

    /// <summary>Prior variance of the non-null coefficients per coefficient (limma's <c>var.prior</c>, used by B).</summary>
    public IReadOnlyList<double> VarPrior { get; }

    /// <summary>Assumed proportion of differentially expressed genes (B-statistic).</summary>
    public double Proportion { get; }

    public double T(int gene, int coefficient) => _t[Index(gene, coefficient)];
    public double PValue(int gene, int coefficient) => _p[Index(gene, coefficient)];

    /// <summary>The B-statistic (limma's <c>lods</c>).</summary>
    public double B(int gene, int coefficient) => _lods[Index(gene, coefficient)];

    private int Index(int gene, int coefficient)
    {
        if ((uint)coefficient >= (uint)Fit.CoefficientCount) throw new ArgumentOutOfRangeException(nameof(coefficient));
        if ((uint)gene >= (uint)Fit.GeneCount) throw new ArgumentOutOfRangeException(nameof(gene));
        return gene * Fit.CoefficientCount + coefficient;
    }
}
