namespace Radiogenomics.Genomics;

/// <summary>Orderings of limma's <c>topTable(sort.by = …)</c>; every one is stable (ties keep gene order), NaN last.</summary>
public enum TopTableSort
{
    /// <summary>B-statistic, decreasing (limma's default).</summary>
    B,
    /// <summary>p-value, increasing.</summary>
    PValue,
    /// <summary>|t|, decreasing.</summary>
    T,
    /// <summary>|logFC|, decreasing.</summary>
    LogFC,
    /// <summary>Average expression, decreasing.</summary>
    AveExpr,
    /// <summary>Gene order.</summary>
    None,
}
