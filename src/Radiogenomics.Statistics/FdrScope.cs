namespace Radiogenomics.Statistics;

/// <summary>Benjamini–Hochberg scope: all pairs, each genomic feature, or each family of genomic features.</summary>
public enum FdrScope
{
    Global,
    PerGenomic,
    PerFamily,
}
