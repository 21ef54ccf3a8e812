namespace Radiogenomics.Statistics;

/// <summary>
/// The calibrated input similarities of exact t-SNE: per point the precision β = 1 / (2σ²) of its Gaussian found by
/// bisection so that the row's entropy is log(perplexity) within 10⁻⁵, the conditional probabilities p(j | i), and the
/// number of bisection steps taken.
/// </summary>
public sealed class TsneAffinities
{
    internal TsneAffinities(int count, double[] betas, int[] steps, double[] conditional)
    {
        Count = count;
        Betas = betas;
        Steps = steps;
        Conditional = conditional;
    }

    public int Count { get; }

    public IReadOnlyList<double> Betas { get; }

    public IReadOnlyList<int> Steps { get; }

    /// <summary>p(j | i) at <c>[i · Count + j]</c>; each row sums to 1 (the diagonal holds a negligible DBL_MIN share, as in Rtsne).</summary>
    public IReadOnlyList<double> Conditional { get; }

    /// <summary>Shannon entropy (natural log) of row <paramref name="i"/>; log(perplexity) when calibrated.</summary>
    public double Entropy(int i)
    {
        double h = 0;
        for (int j = 0; j < Count; j++)
        {
            double p = Conditional[i * Count + j];
            if (p > 0) h -= p * Math.Log(p);
        }
        return h;
    }
}
