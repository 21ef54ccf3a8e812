namespace Radiogenomics.Stages;

/// <summary>genomics.features' gene-set score.</summary>
public enum PathwayMethod
{
    Ssgsea,
    Gsva,
    Zscore,
    Plage,
}
