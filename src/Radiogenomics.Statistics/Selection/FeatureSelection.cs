namespace Radiogenomics.Statistics;

/// <summary>
/// A feature selection fitted on training cases and applied unchanged to any other cases: the identity, principal
/// components (k, or the fewest reaching a variance fraction), or the k features of highest ReliefF weight (ties in weight
/// keep the earlier feature). Fitting it inside each training fold keeps the held-out cases out of the selection, as
/// Liu et al. 2024's PCA/ReliefF pipeline needs for an honest estimate.
/// </summary>
public sealed class FeatureSelection
{
    private FeatureSelection(FeatureSelectionKind kind, int inputCount, int[] kept, PrincipalComponents? pca, double[]? weights)
    {
        Kind = kind; InputCount = inputCount; Kept = kept; Pca = pca; Weights = weights;
    }

    public FeatureSelectionKind Kind { get; }
    /// <summary>Features the selection was fitted on.</summary>
    public int InputCount { get; }
    /// <summary>Input features kept, in output order (none and ReliefF; empty for PCA).</summary>
    public int[] Kept { get; }
    /// <summary>The fitted components (PCA only).</summary>
    public PrincipalComponents? Pca { get; }
    /// <summary>ReliefF weight of every input feature (ReliefF only).</summary>
    public double[]? Weights { get; }
    public int OutputCount => Pca?.Components ?? Kept.Length;

    /// <param name="k">components or features to keep; for PCA 0 means: decide by <paramref name="varianceFraction"/></param>
    public static FeatureSelection Fit(FeatureSelectionKind kind, IReadOnlyList<double[]> columns, IReadOnlyList<double> labels,
        int k, double varianceFraction = 0, int neighbours = 10)
    {
        int p = columns.Count;
        switch (kind)
        {
            case FeatureSelectionKind.None:
                return new FeatureSelection(kind, p, Enumerable.Range(0, p).ToArray(), null, null);
            case FeatureSelectionKind.Pca:
            {
                int n = p == 0 ? 0 : columns[0].Length;
                int components = k > 0 ? Math.Min(k, Math.Min(n - 1, p)) : 0; // a small training fold caps the components
                return new FeatureSelection(kind, p, [], PrincipalComponents.Fit(columns, components, varianceFraction), null);
            }
            case FeatureSelectionKind.ReliefF:
            {
                if (k < 1) throw new ArgumentException("ReliefF selection needs k ≥ 1 features to keep");
                var w = ReliefF.Weights(columns, labels, neighbours);
                var kept = Enumerable.Range(0, p).OrderByDescending(j => w[j]).ThenBy(j => j).Take(k).ToArray();
                return new FeatureSelection(kind, p, kept, null, w);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>A stored selection: kept input features (none, ReliefF) or fitted components (PCA).</summary>
    public static FeatureSelection FromParts(FeatureSelectionKind kind, int inputCount, int[] kept, PrincipalComponents? pca) =>
        new(kind, inputCount, kind == FeatureSelectionKind.Pca ? [] : kept, pca, null);

    /// <summary>The selected or derived columns of <paramref name="columns"/> (feature columns over any cases).</summary>
    public double[][] Apply(IReadOnlyList<double[]> columns)
    {
        if (columns.Count != InputCount) throw new ArgumentException($"the selection was fitted on {InputCount} features, the data has {columns.Count}");
        return Pca is not null ? Pca.Transform(columns) : Kept.Select(j => columns[j]).ToArray();
    }
}
