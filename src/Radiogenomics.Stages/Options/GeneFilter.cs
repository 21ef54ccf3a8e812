namespace Radiogenomics.Stages;

/// <summary>genomics.features' gene filter.</summary>
public enum GeneFilter
{
    Cpm,
    Mean,
    None,
}
