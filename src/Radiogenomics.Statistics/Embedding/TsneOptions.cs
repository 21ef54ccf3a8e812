namespace Radiogenomics.Statistics;

/// <summary>
/// Settings of <see cref="Tsne"/>; the defaults are <c>Rtsne</c>'s (0.16) with <c>theta = 0</c> (exact t-SNE).
/// </summary>
public sealed record TsneOptions
{
    /// <summary>Output dimensions (Rtsne's <c>dims</c>: 1 to 3).</summary>
    public int Dimensions { get; init; } = 2;

    /// <summary>The effective number of neighbours each point's Gaussian is calibrated to; needs n − 1 ≥ 3 · perplexity.</summary>
    public double Perplexity { get; init; } = 30;

    public int MaxIterations { get; init; } = 1000;

    /// <summary>Reduce to <see cref="InitialDimensions"/> principal components first (<c>prcomp(center = TRUE, scale. = FALSE)</c>).</summary>
    public bool Pca { get; init; } = true;

    public int InitialDimensions { get; init; } = 50;

    /// <summary>Centre each column and divide everything by the largest absolute value, as Rtsne's <c>normalize_input</c>.</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Iteration at which the early exaggeration of P ends.</summary>
    public int StopLyingIteration { get; init; } = 250;

    /// <summary>Iteration at which the momentum switches from <see cref="Momentum"/> to <see cref="FinalMomentum"/>.</summary>
    public int MomentumSwitchIteration { get; init; } = 250;

    public double Momentum { get; init; } = 0.5;
    public double FinalMomentum { get; init; } = 0.8;

    /// <summary>Rtsne's <c>eta</c>; its gradient omits the factor 4 of the paper, and so does this one.</summary>
    public double LearningRate { get; init; } = 200;

    public double Exaggeration { get; init; } = 12;

    /// <summary>Seed of the random start (coordinates drawn from N(0, 10⁻⁸), SD 10⁻⁴ as Rtsne) when no initial embedding is given.</summary>
    public int Seed { get; init; } = 42;
}
