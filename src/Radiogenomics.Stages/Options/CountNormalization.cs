using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>genomics.features' expression normalisation.</summary>
public enum CountNormalization
{
    Cpm,
    Tpm,
    Fpkm,
    [Choice("fpkm-uq")] FpkmUq,
    None,
}
