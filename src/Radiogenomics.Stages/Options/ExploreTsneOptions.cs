using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>explore.tsne</c> (defaults: Rtsne's, exact t-SNE).</summary>
public sealed record ExploreTsneOptions
{
    [Option("what to embed: patients (patient-mean features), images, or both (two separate maps); images is skipped for a patient-level table")]
    public EmbeddingLevels Levels { get; init; } = EmbeddingLevels.Both;

    [Option("effective number of neighbours (Rtsne's perplexity); needs points − 1 ≥ 3 × perplexity at every level embedded", Minimum = 1)]
    public double Perplexity { get; init; } = 30;

    [Option("gradient-descent iterations (Rtsne's max_iter)", Minimum = 1, Maximum = 100_000)]
    public int Iterations { get; init; } = 1000;

    [Option("z-score every feature over the points first, so features in large units do not dominate (Rtsne itself does not)")]
    public bool Standardize { get; init; } = true;

    [Option("reduce to initial_dims principal components first (Rtsne's pca)")]
    public bool Pca { get; init; } = true;

    [Option("principal components kept (Rtsne's initial_dims)", Minimum = 1)]
    public int InitialDims { get; init; } = 50;

    [Option("clinical columns copied onto each point for colouring; empty: every categorical clinical column (text, or at most 10 distinct values)")]
    public IReadOnlyList<string> Labels { get; init; } = [];

    [Option("seed of the random start", IsSeed = true)]
    public int Seed { get; init; } = 42;
}
