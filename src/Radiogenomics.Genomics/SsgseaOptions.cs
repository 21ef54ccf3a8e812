namespace Radiogenomics.Genomics;

/// <summary>Settings of <see cref="Ssgsea.Score"/>; the defaults are GSVA 1.46's for <c>method = "ssgsea"</c>.</summary>
public sealed record SsgseaOptions
{
    /// <summary>Weight exponent on the integer ranks (GSVA's <c>tau</c>, default 0.25 for ssGSEA).</summary>
    public double Alpha { get; init; } = 0.25;

    /// <summary>Divide every score by the range (max − min) over all scored sets and samples (GSVA's <c>ssgsea.norm</c>).</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Minimum mapped set size (GSVA's <c>min.sz</c>; values below 1 act as 1).</summary>
    public int MinSize { get; init; } = 1;

    /// <summary>Maximum mapped set size (GSVA's <c>max.sz</c>).</summary>
    public int MaxSize { get; init; } = int.MaxValue;
}
