namespace Radiogenomics.Statistics;

/// <summary>How <see cref="LinkageTree"/> measures the dissimilarity of two clusters (R's <c>hclust(method = …)</c>).</summary>
public enum Linkage
{
    /// <summary><c>"ward.D2"</c>: Ward's minimum variance on squared dissimilarities; heights are back on the input scale.</summary>
    WardD2,

    /// <summary><c>"complete"</c>: the largest dissimilarity between members.</summary>
    Complete,

    /// <summary><c>"average"</c> (UPGMA): the mean dissimilarity between members.</summary>
    Average,

    /// <summary><c>"single"</c>: the smallest dissimilarity between members.</summary>
    Single,
}
