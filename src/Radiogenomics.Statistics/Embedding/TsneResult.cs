namespace Radiogenomics.Statistics;

/// <summary>An embedding by <see cref="Tsne"/>: coordinates, each point's share of the final KL divergence, and the calibration.</summary>
public sealed class TsneResult
{
    internal TsneResult(double[][] embedding, double[] costs, TsneAffinities affinities, int iterations)
    {
        Embedding = embedding;
        Costs = costs;
        Affinities = affinities;
        Iterations = iterations;
    }

    /// <summary>Row i: point i's coordinates (Rtsne's <c>Y[i, ]</c>).</summary>
    public IReadOnlyList<double[]> Embedding { get; }

    /// <summary>Rtsne's <c>costs</c>: per point Σⱼ pᵢⱼ log((pᵢⱼ + 10⁻⁹) / (qᵢⱼ + 10⁻⁹)) at the end.</summary>
    public IReadOnlyList<double> Costs { get; }

    /// <summary>KL(P ‖ Q) of the final embedding: the sum of <see cref="Costs"/>.</summary>
    public double KullbackLeibler => Costs.Sum();

    public TsneAffinities Affinities { get; }

    public int Iterations { get; }
}
