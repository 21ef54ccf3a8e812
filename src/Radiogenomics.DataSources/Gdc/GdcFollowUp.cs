using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>A case's follow-up record.</summary>
public sealed record GdcFollowUp(string? FollowUpId, double? DaysToFollowUp, string? DiseaseResponse, IReadOnlyList<GdcMolecularTest> MolecularTests)
{
    internal static GdcFollowUp FromJson(JsonElement e) => new(
        JsonRead.String(e, "follow_up_id"),
        JsonRead.Double(e, "days_to_follow_up"),
        JsonRead.String(e, "disease_response"),
        JsonRead.Array(e, "molecular_tests").Select(GdcMolecularTest.FromJson).ToArray());
}
