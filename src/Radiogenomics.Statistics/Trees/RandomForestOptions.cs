namespace Radiogenomics.Statistics;

/// <summary>
/// Settings of <see cref="RandomForestClassifier"/>; the defaults are <c>randomForest</c>'s for classification.
/// </summary>
public sealed record RandomForestOptions
{
    /// <summary>Trees (randomForest's <c>ntree</c>).</summary>
    public int Trees { get; init; } = 500;

    /// <summary>Features tried at each node; 0: ⌊√p⌋, randomForest's classification default.</summary>
    public int Mtry { get; init; }

    /// <summary>A node of at most this many distinct training cases is not split (randomForest's <c>nodesize</c>, 1 for classification).</summary>
    public int NodeSize { get; init; } = 1;

    /// <summary>Seed of the bootstrap samples, feature draws and tie breaks; the forest depends on it and nothing else.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Threads growing trees; −1: all cores. The forest is the same for every value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The mtry used for <paramref name="features"/> features.</summary>
    public int MtryFor(int features) => Mtry > 0 ? Math.Min(Mtry, features) : Math.Max(1, (int)Math.Floor(Math.Sqrt(features)));
}
