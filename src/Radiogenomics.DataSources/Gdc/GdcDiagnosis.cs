using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>A case's diagnosis record (fields the survival and staging analyses use; T and N as AJCC spells them, e.g. T1c, N1a, NX).</summary>
public sealed record GdcDiagnosis(
    string? DiagnosisId,
    string? PrimaryDiagnosis,
    string? AjccPathologicStage,
    double? AgeAtDiagnosis,
    double? DaysToLastFollowUp,
    double? DaysToDeath,
    string? AjccPathologicT = null,
    string? AjccPathologicN = null)
{
    internal static GdcDiagnosis FromJson(JsonElement e) => new(
        JsonRead.String(e, "diagnosis_id"),
        JsonRead.String(e, "primary_diagnosis"),
        JsonRead.String(e, "ajcc_pathologic_stage"),
        JsonRead.Double(e, "age_at_diagnosis"),
        JsonRead.Double(e, "days_to_last_follow_up"),
        JsonRead.Double(e, "days_to_death"),
        JsonRead.String(e, "ajcc_pathologic_t"),
        JsonRead.String(e, "ajcc_pathologic_n"));
}
