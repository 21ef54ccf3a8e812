using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary><c>associate.limma</c>'s row order, spelled as limma's <c>topTable(sort.by = …)</c>.</summary>
public enum LimmaSortBy
{
    /// <summary>The features' input order (<c>sort.by = "none"</c>).</summary>
    [Choice("none")] None,
    /// <summary>B-statistic, decreasing (topTable's own default).</summary>
    [Choice("B")] B,
    /// <summary>p-value, increasing.</summary>
    [Choice("P")] P,
    /// <summary>|t|, decreasing.</summary>
    [Choice("t")] T,
    /// <summary>|logFC|, decreasing.</summary>
    [Choice("logFC")] LogFC,
}
