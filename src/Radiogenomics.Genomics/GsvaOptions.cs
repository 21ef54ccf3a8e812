namespace Radiogenomics.Genomics;

/// <summary>Settings of <see cref="Gsva.Score"/>; the defaults are GSVA 1.46's for <c>method = "gsva"</c>.</summary>
public sealed record GsvaOptions
{
    public GsvaKernel Kernel { get; init; } = GsvaKernel.Gaussian;

    /// <summary>
    /// True (GSVA's <c>mx.diff = TRUE</c>): score = largest positive + largest negative deviation of the walk.
    /// False: the deviation of larger magnitude (Kolmogorov–Smirnov-like, bimodal scores).
    /// </summary>
    public bool MaxDiff { get; init; } = true;

    /// <summary>GSVA's <c>abs.ranking</c>: with <see cref="MaxDiff"/>, score = positive − negative deviation.</summary>
    public bool AbsoluteRanking { get; init; }

    /// <summary>Exponent on the rank scores in the walk (GSVA's <c>tau</c>, default 1).</summary>
    public double Tau { get; init; } = 1;

    public int MinSize { get; init; } = 1;
    public int MaxSize { get; init; } = int.MaxValue;
}
