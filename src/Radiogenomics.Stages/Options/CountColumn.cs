namespace Radiogenomics.Stages;

/// <summary>The STAR-counts column fetch.local reads.</summary>
public enum CountColumn
{
    Unstranded,
    TpmUnstranded,
    FpkmUnstranded,
    FpkmUqUnstranded,
}
