namespace Radiogenomics.Synthetic;

/// <summary>Patient-level tumour imaging phenotypes driven by the planted genomic truth (each a standardised latent score, mean 0, SD 1).</summary>
public enum TumourProperty
{
    /// <summary>Log diameter.</summary>
    Size,
    /// <summary>Peak relative enhancement and wash-in rate.</summary>
    Enhancement,
    /// <summary>Late-phase wash-out rate (persistent → plateau → wash-out curve).</summary>
    Washout,
    /// <summary>Voxel-wise heterogeneity of enhancement and signal, rim enhancement, necrosis.</summary>
    Heterogeneity,
    /// <summary>Lobulation and spiculation of the margin.</summary>
    MarginIrregularity,
}
