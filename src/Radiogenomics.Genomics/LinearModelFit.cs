namespace Radiogenomics.Genomics;

/// <summary>
/// Per-gene least-squares fits of one design (limma's <c>MArrayLM</c> after <c>lmFit</c>): coefficients, their unscaled
/// standard deviations √diag((XᵀX)⁻¹), residual sd σ and residual df, and the gene's mean expression (AveExpr).
/// </summary>
public sealed class LinearModelFit
{
    private readonly double[] _coefficients, _stdevUnscaled;

    internal LinearModelFit(IReadOnlyList<string> genes, IReadOnlyList<string> coefficientNames, double[] coefficients,
        double[] stdevUnscaled, double[] sigma, double[] dfResidual, double[] amean)
    {
        Genes = genes;
        CoefficientNames = coefficientNames;
        _coefficients = coefficients;
        _stdevUnscaled = stdevUnscaled;
        Sigma = sigma;
        DfResidual = dfResidual;
        Amean = amean;
    }

    public IReadOnlyList<string> Genes { get; }
    public IReadOnlyList<string> CoefficientNames { get; }
    public int GeneCount => Genes.Count;
    public int CoefficientCount => CoefficientNames.Count;

    /// <summary>Residual standard deviation per gene (NaN when the gene has no residual df).</summary>
    public IReadOnlyList<double> Sigma { get; }

    /// <summary>Residual degrees of freedom per gene (observed samples − rank).</summary>
    public IReadOnlyList<double> DfResidual { get; }

    /// <summary>Mean of the gene's observed values (limma's <c>Amean</c>, topTable's AveExpr).</summary>
    public IReadOnlyList<double> Amean { get; }

    public double Coefficient(int gene, int coefficient) => _coefficients[Index(gene, coefficient)];

    public double StdevUnscaled(int gene, int coefficient) => _stdevUnscaled[Index(gene, coefficient)];

    private int Index(int gene, int coefficient)
    {
        if ((uint)coefficient >= (uint)CoefficientCount) throw new ArgumentOutOfRangeException(nameof(coefficient));
        if ((uint)gene >= (uint)GeneCount) throw new ArgumentOutOfRangeException(nameof(gene));
        return gene * CoefficientCount + coefficient;
    }
}
