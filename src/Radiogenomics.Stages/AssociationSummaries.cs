using Radiogenomics.Plotting;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// The summaries of Liu &amp; Hu 2023 from a feature-major q-value table: significant pairs per kernel and
/// family (their Table 2), per genomic feature with its top kernels (Table 3), per radiomic feature (Fig. 5e),
/// and a −log10 q heatmap of radiomic × genomic features (Fig. 5a–c).
/// </summary>
public sealed class AssociationSummaries(IReadOnlyList<string> features, IReadOnlyList<int?> kernels, IReadOnlyList<string> genomicNames, Func<int, string> familyOf, double[] q, double threshold)
{
    private int K => genomicNames.Count;
    private bool Significant(long i) => q[i] < threshold;

    /// <summary>Table 2: per kernel (null for non-deep features) and family, significant and tested pairs.</summary>
    public Table ByKernelAndFamily()
    {
        var counts = new SortedDictionary<(int Kernel, string Family), (int Significant, int Tested)>();
        for (int j = 0; j < features.Count; j++)
        {
            int kernel = kernels[j] ?? -1;
            for (int g = 0; g < K; g++)
            {
                var key = (kernel, familyOf(g));
                counts.TryGetValue(key, out var c);
                counts[key] = (c.Significant + (Significant((long)j * K + g) ? 1 : 0), c.Tested + 1);
            }
        }
        return new Table()
            .Add("kernel", counts.Keys.Select(k => k.Kernel < 0 ? (int?)null : k.Kernel).ToArray())
            .Add("family", counts.Keys.Select(k => (string?)k.Family).ToArray())
            .Add("significant_pairs", counts.Values.Select(v => v.Significant).ToArray())
            .Add("tested_pairs", counts.Values.Select(v => v.Tested).ToArray());
    }

    /// <summary>Table 3: per genomic feature, how many radiomic features it is significantly associated with, and the top three kernels.</summary>
    public Table ByGenomicFeature()
    {
        var significant = new int[K];
        var topKernels = new string?[K];
        for (int g = 0; g < K; g++)
        {
            var perKernel = new Dictionary<int, int>();
            for (int j = 0; j < features.Count; j++)
                if (Significant((long)j * K + g))
                {
                    significant[g]++;
                    if (kernels[j] is { } kernel) perKernel[kernel] = perKernel.GetValueOrDefault(kernel) + 1;
                }
            topKernels[g] = string.Join(", ", perKernel.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(3).Select(kv => $"kernel {kv.Key}: {kv.Value}"));
        }
        var order = Enumerable.Range(0, K).OrderByDescending(g => significant[g]).ThenBy(g => genomicNames[g], StringComparer.Ordinal).ToArray();
        return new Table()
            .Add("genomic_feature", order.Select(g => (string?)genomicNames[g]).ToArray())
            .Add("family", order.Select(g => (string?)familyOf(g)).ToArray())
            .Add("significant_features", order.Select(g => significant[g]).ToArray())
            .Add("tested_features", order.Select(_ => features.Count).ToArray())
            .Add("top_kernels", order.Select(g => topKernels[g]).ToArray());
    }

    /// <summary>Fig. 5e: radiomic features ranked by how many genomic features they are significantly associated with.</summary>
    public Table ByRadiomicFeature()
    {
        var counts = Enumerable.Range(0, features.Count).Select(j => Enumerable.Range(0, K).Count(g => Significant((long)j * K + g))).ToArray();
        var order = Enumerable.Range(0, features.Count).OrderByDescending(j => counts[j]).ThenBy(j => j).ToArray();
        return new Table()
            .Add("feature", order.Select(j => (string?)features[j]).ToArray())
            .Add("kernel", order.Select(j => kernels[j]).ToArray())
            .Add("significant_genomic_features", order.Select(j => counts[j]).ToArray());
    }

    /// <summary>
    /// −log10 q, radiomic features (rows) × genomic features (columns), both clustered (average linkage) when
    /// there are at most <paramref name="clusterLimit"/> of them; q = 0 is drawn at the top of the scale.
    /// </summary>
    public void SaveHeatmap(IReadOnlyList<string> paths, string title, int clusterLimit = 2000) =>
        Draw(paths, title, Enumerable.Range(0, features.Count).ToArray(), Enumerable.Range(0, K).ToArray(), clusterLimit);

    /// <summary>
    /// The same heatmap restricted to the <paramref name="rows"/> radiomic and <paramref name="columns"/> genomic features
    /// with the smallest q: a sparse finding among thousands of features stays visible.
    /// </summary>
    public void SaveTopHeatmap(IReadOnlyList<string> paths, string title, int rows = 40, int columns = 30)
    {
        var (topRows, topColumns) = Top(rows, columns);
        Draw(paths, title, topRows, topColumns, int.MaxValue);
    }

    /// <summary>The radiomic and genomic features (indices, in input order) whose smallest q are the lowest.</summary>
    internal (int[] Rows, int[] Columns) Top(int rows, int columns)
    {
        double MinQ(int j, int g) => double.IsNaN(q[(long)j * K + g]) ? double.PositiveInfinity : q[(long)j * K + g];
        var rowBest = Enumerable.Range(0, features.Count).Select(j => Enumerable.Range(0, K).Min(g => MinQ(j, g))).ToArray();
        var columnBest = Enumerable.Range(0, K).Select(g => Enumerable.Range(0, features.Count).Min(j => MinQ(j, g))).ToArray();
        return (Enumerable.Range(0, features.Count).OrderBy(j => rowBest[j]).ThenBy(j => j).Take(rows).Order().ToArray(),
                Enumerable.Range(0, K).OrderBy(g => columnBest[g]).ThenBy(g => g).Take(columns).Order().ToArray());
    }

    private void Draw(IReadOnlyList<string> paths, string title, int[] rows, int[] columns, int clusterLimit)
    {
        var values = new double[rows.Length, columns.Length];
        for (int r = 0; r < rows.Length; r++)
            for (int c = 0; c < columns.Length; c++)
            {
                double v = q[(long)rows[r] * K + columns[c]];
                values[r, c] = double.IsNaN(v) ? double.NaN : -Math.Log10(Math.Max(v, 1e-300));
            }
        var chart = new HeatmapChart(values)
        {
            Title = title,
            RowLabels = rows.Select(j => features[j]).ToArray(),
            ColumnLabels = columns.Select(g => genomicNames[g]).ToArray(),
            RowAxisTitle = "radiomic feature",
            ColumnAxisTitle = "genomic feature",
            ColorBarLabel = $"-log10 q (significant above {-Math.Log10(threshold):0.##})",
            Minimum = 0,
            ClusterRows = rows.Length > 2 && rows.Length <= clusterLimit,
            ClusterColumns = columns.Length > 2 && columns.Length <= clusterLimit,
        };
        foreach (var path in paths) chart.Save(path); // the clustering order is computed once
    }
}
