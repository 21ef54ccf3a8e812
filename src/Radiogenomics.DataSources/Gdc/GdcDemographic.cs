using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>A case's demographic record. Days are counted from the index date (diagnosis).</summary>
public sealed record GdcDemographic(
    string? VitalStatus,
    double? DaysToDeath,
    double? AgeAtIndex,
    string? SexAtBirth,
    string? Gender,
    string? Race,
    string? Ethnicity,
    double? DaysToBirth)
{
    /// <summary>sex_at_birth, falling back to gender (deprecated in data dictionary v3.4.4, still present in older releases).</summary>
    public string? Sex => SexAtBirth ?? Gender;

    internal static GdcDemographic FromJson(JsonElement e) => new(
        JsonRead.String(e, "vital_status"),
        JsonRead.Double(e, "days_to_death"),
        JsonRead.Double(e, "age_at_index"),
        JsonRead.String(e, "sex_at_birth"),
        JsonRead.String(e, "gender"),
        JsonRead.String(e, "race"),
        JsonRead.String(e, "ethnicity"),
        JsonRead.Double(e, "days_to_birth"));
}
