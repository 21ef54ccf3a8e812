using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>explore.clusters</c>.</summary>
public sealed record ExploreClustersOptions
{
    [Option("hclust method: ward_d2 (R's \"ward.D2\"), complete, average or single")]
    public Linkage Linkage { get; init; } = Linkage.WardD2;

    [Option("dissimilarity between patients' standardised profiles: euclidean (dist) or correlation (1 − Pearson r)")]
    public DissimilarityMeasure Distance { get; init; } = DissimilarityMeasure.Euclidean;

    [Option("clusters cut from the tree (cutree k)", Minimum = 2, Maximum = 50)]
    public int Clusters { get; init; } = 3;

    [Option("clinical columns tested against the clusters and drawn as side bars; empty: every categorical column (text, or at most 10 distinct values)")]
    public IReadOnlyList<string> Labels { get; init; } = [];
}
