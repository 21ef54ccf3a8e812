namespace Radiogenomics.Synthetic;

/// <summary>Patient-level biological programmes (latent pathway activities) whose member genes carry the planted signal.</summary>
public enum DriverProgram
{
    /// <summary>Oestrogen-receptor / luminal programme: ER and PR status; slows wash-out; protective.</summary>
    Luminal,
    /// <summary>ERBB2 amplicon (bimodal: amplified in a minority): HER2 status; raises enhancement.</summary>
    Her2Amplicon,
    /// <summary>Cell-cycle proliferation: tumour size, heterogeneity, nodal spread, hazard.</summary>
    Proliferation,
    /// <summary>Angiogenesis / endothelial: peak enhancement and wash-in rate.</summary>
    Angiogenesis,
    /// <summary>Hypoxia / glycolysis: wash-out, internal heterogeneity, necrosis.</summary>
    Hypoxia,
    /// <summary>Desmoplastic stroma / ECM remodelling: margin irregularity (spiculation), nodal spread.</summary>
    Stromal,
    /// <summary>Cytotoxic T-cell infiltration: protective (hazard only).</summary>
    Immune,
}
