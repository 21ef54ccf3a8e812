namespace Radiogenomics.Synthetic;

/// <summary>Clinical variables as a TCGA clinical table holds them; null = NA.</summary>
/// <param name="AgeYears">Age at initial pathologic diagnosis.</param>
/// <param name="TStage">"T1".."T4".</param>
/// <param name="NStage">"N0".."N3".</param>
/// <param name="ErStatus">"Positive" / "Negative".</param>
/// <param name="PrStatus">"Positive" / "Negative".</param>
/// <param name="Her2Status">"Positive" / "Negative" / "Equivocal".</param>
public sealed record ClinicalRecord(int? AgeYears, string? TStage, string? NStage, string? ErStatus, string? PrStatus, string? Her2Status)
{
    /// <summary>The seed code's "Tumor--T1 Coded" column: "T1" or "T_Other".</summary>
    public string? TStageT1Coded => TStage is null ? null : TStage == "T1" ? "T1" : "T_Other";

    /// <summary>The seed code's "Node-Coded" column: "Negative" for N0, else "Positive".</summary>
    public string? NodeCoded => NStage is null ? null : NStage == "N0" ? "Negative" : "Positive";
}
