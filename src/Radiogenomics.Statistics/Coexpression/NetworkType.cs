namespace Radiogenomics.Statistics.Coexpression;

/// <summary>WGCNA's network types: adjacency |cor|^β (unsigned) or ((1 + cor)/2)^β (signed).</summary>
public enum NetworkType
{
    Unsigned,
    Signed,
}
