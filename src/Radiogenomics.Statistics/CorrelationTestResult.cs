namespace Radiogenomics.Statistics;

/// <summary>The fields of R's <c>cor.test()</c> htest object. Undefined fields are NaN.</summary>
public readonly struct CorrelationTestResult
{
    /// <summary>Pearson or Spearman.</summary>
    public CorrelationMethod Method { get; init; }

    /// <summary>The alternative the p-value refers to.</summary>
    public Alternative Alternative { get; init; }

    /// <summary>Complete pairs used (pairs with a NaN in x or y are dropped, as <c>complete.cases</c> does).</summary>
    public int Count { get; init; }

    /// <summary><c>estimate</c>: r (Pearson) or rho (Spearman).</summary>
    public double Estimate { get; init; }

    /// <summary><c>statistic</c>: t = √df·r/√(1 − r²) (Pearson) or S = (n³ − n)(1 − rho)/6 (Spearman).</summary>
    public double Statistic { get; init; }

    /// <summary><c>parameter</c>: df = n − 2 for Pearson; NaN for Spearman (R reports none).</summary>
    public double DegreesOfFreedom { get; init; }

    /// <summary><c>p.value</c>.</summary>
    public double PValue { get; init; }

    /// <summary>Lower end of <c>conf.int</c> (Pearson with n &gt; 3 only; Fisher z).</summary>
    public double ConfidenceLower { get; init; }

    /// <summary>Upper end of <c>conf.int</c>.</summary>
    public double ConfidenceUpper { get; init; }

    /// <summary>True when the Spearman p-value came from AS 89 (exact enumeration for n ≤ 9, Edgeworth series above).</summary>
    public bool ExactPValue { get; init; }
}
