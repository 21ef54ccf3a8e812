namespace Radiogenomics.Synthetic;

/// <summary>Which genes, pathways, signatures and programmes drive which tumour properties and clinical variables, with effect sizes; and the null set.</summary>
public sealed class TruthTable
{
    public const string None = "none";
    public const string ErStatus = "er_status", PrStatus = "pr_status", Her2Status = "her2_status", TStage = "t_stage", NStage = "n_stage", Hazard = "hazard";

    internal TruthTable(IReadOnlyList<TruthEntry> entries) => Entries = entries;

    public IReadOnlyList<TruthEntry> Entries { get; }

    /// <summary>Target name of a tumour property: size, enhancement, washout, heterogeneity, margin_irregularity.</summary>
    public static string TargetName(TumourProperty property) => property switch
    {
        TumourProperty.Size => "size",
        TumourProperty.Enhancement => "enhancement",
        TumourProperty.Washout => "washout",
        TumourProperty.Heterogeneity => "heterogeneity",
        TumourProperty.MarginIrregularity => "margin_irregularity",
        _ => throw new ArgumentOutOfRangeException(nameof(property)),
    };

    /// <summary>Every target that has at least one direct driver.</summary>
    public IReadOnlyList<string> Targets =>
        Entries.Where(e => e.Role == TruthRole.Direct).Select(e => e.Target).Distinct().ToArray();

    /// <summary>Rows of a given kind that drive <paramref name="target"/> directly.</summary>
    public IEnumerable<TruthEntry> DirectDrivers(string target, TruthEntityKind kind) =>
        Entries.Where(e => e.Target == target && e.Kind == kind && e.Role == TruthRole.Direct);

    /// <summary>Ids of the null entities of a kind (genes: ids; pathways: names).</summary>
    public IEnumerable<string> NullIds(TruthEntityKind kind) =>
        Entries.Where(e => e.Kind == kind && e.Role == TruthRole.Null).Select(e => e.EntityId);
}
