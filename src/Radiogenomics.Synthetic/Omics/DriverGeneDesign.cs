namespace Radiogenomics.Synthetic;

/// <summary>
/// Which real genes carry each programme. Lists follow well-known breast-cancer biology (oestrogen response, ERBB2 amplicon,
/// PAM50/Oncotype proliferation genes, endothelial and hypoxia markers, desmoplastic ECM, cytotoxic T cells) so signature
/// code reads plausibly; "Down" genes fall as the programme rises (basal keratins against the luminal programme).
/// </summary>
internal static class DriverGeneDesign
{
    public sealed record ProgramGenes(DriverProgram Program, string PathwayName, string[] Up, string[] Down);

    public static readonly ProgramGenes[] Programs =
    [
        new(DriverProgram.Luminal, "SYN_ESTROGEN_RESPONSE",
            ["ESR1", "PGR", "GATA3", "FOXA1", "XBP1", "TFF1", "TFF3", "AGR2", "SCUBE2", "BCL2", "CA12", "MLPH", "NAT1", "SLC39A6", "AR", "MYB", "ERBB4", "SPDEF"],
            ["KRT5", "KRT14", "KRT17", "FOXC1", "SFRP1", "EN1"]),
        new(DriverProgram.Her2Amplicon, "SYN_ERBB2_AMPLICON",
            ["ERBB2", "GRB7", "STARD3", "PGAP3", "MIEN1", "PNMT", "TCAP", "PSMD3"], []),
        new(DriverProgram.Proliferation, "SYN_CELL_CYCLE_PROLIFERATION",
            ["MKI67", "AURKA", "BIRC5", "CCNB1", "MYBL2", "TOP2A", "CENPF", "BUB1", "CDC20", "CCNE1", "KIF2C", "PTTG1", "RRM2", "TYMS", "UBE2C", "CEP55", "MELK", "NDC80", "ORC6", "EXO1"], []),
        new(DriverProgram.Angiogenesis, "SYN_ANGIOGENESIS",
            ["VEGFA", "KDR", "FLT1", "ANGPT2", "PECAM1", "CDH5", "ESM1", "PGF", "DLL4", "TEK", "NOS3", "ENG", "VWF", "EMCN", "ROBO4", "APLN"], []),
        new(DriverProgram.Hypoxia, "SYN_HYPOXIA_GLYCOLYSIS",
            ["HIF1A", "CA9", "SLC2A1", "LDHA", "PGK1", "ADM", "NDRG1", "BNIP3", "P4HA1", "ANKRD37", "EGLN3", "ENO1", "PDK1", "ALDOA", "MXI1"], []),
        new(DriverProgram.Stromal, "SYN_ECM_DESMOPLASIA",
            ["COL1A1", "COL1A2", "COL3A1", "COL5A1", "COL11A1", "FN1", "POSTN", "SPARC", "LOX", "MMP11", "MMP2", "FAP", "THBS2", "VCAN", "SNAI2", "ZEB1"], []),
        new(DriverProgram.Immune, "SYN_CYTOTOXIC_T_CELL",
            ["CD8A", "CD3E", "GZMB", "PRF1", "CXCL9", "CXCL10", "IFNG", "CD274", "LAG3", "CD2", "CCL5", "GZMK", "NKG7", "PTPRC"], []),
    ];

    /// <summary>Null genes with real symbols that analyses use for normalisation checks.</summary>
    public static readonly string[] Housekeeping = ["ACTB", "GAPDH", "RPLP0", "TBP", "PUM1", "GUSB", "TFRC", "B2M", "HPRT1", "PPIA"];

    /// <summary>Fixed loadings where biology says the effect is large (natural log per SD): the receptors and the amplicon core.</summary>
    public static readonly Dictionary<string, double> FixedLoadings = new(StringComparer.Ordinal)
    {
        ["ESR1"] = 1.6, ["PGR"] = 1.3, ["ERBB2"] = 1.0, ["GRB7"] = 0.9,
    };

    /// <summary>Loading of the single-gene drivers on their own latent.</summary>
    public const double SingleDriverLoading = 0.8;
}
