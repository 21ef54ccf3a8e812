using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics.Coexpression;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>coexpression.modules</c>.</summary>
public sealed record CoexpressionModulesOptions
{
    [Option("the expression table holds raw counts: log2(CPM + 1) first; false: the values are used as they are (already log-scale)")]
    public bool Counts { get; init; } = true;

    [Option("genes kept for the network: the most variable across patients", Minimum = 10)]
    public int Genes { get; init; } = 1000;

    [Option("network type of the adjacency and the soft-threshold table")]
    public NetworkType Network { get; init; } = NetworkType.Unsigned;

    [Option("soft-threshold power; 0: the lowest power whose scale-free fit R² exceeds r2_cut (pickSoftThreshold's powerEstimate), 6 when none does", Minimum = 0, Maximum = 30)]
    public int Power { get; init; }

    [Option("scale-free fit R² the chosen power must exceed (pickSoftThreshold's RsquaredCut)", Minimum = 0, Maximum = 1)]
    public double R2Cut { get; init; } = 0.85;

    [Option("smallest module (cutreeDynamic's minClusterSize)", Minimum = 2)]
    public int MinModuleSize { get; init; } = 30;

    [Option("split branches again until their number stops changing (cutreeDynamic method = \"tree\", deepSplit)")]
    public bool DeepSplit { get; init; } = true;

    [Option("columns of the features (trait) table correlated with the eigengenes; empty: every numeric column")]
    public IReadOnlyList<string> Traits { get; init; } = [];
}
