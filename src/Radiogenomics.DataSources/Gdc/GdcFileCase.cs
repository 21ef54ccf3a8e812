using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>A case a GDC file belongs to. <see cref="SubmitterId"/> is the participant barcode (TCGA-XX-XXXX) that
/// TCIA uses as PatientID; <see cref="CaseId"/> is a GDC UUID and never the join key.</summary>
public sealed record GdcFileCase(string? CaseId, string? SubmitterId, string? ProjectId, IReadOnlyList<GdcSample> Samples)
{
    internal static GdcFileCase FromJson(JsonElement e) => new(
        JsonRead.String(e, "case_id"),
        JsonRead.String(e, "submitter_id"),
        JsonRead.Object(e, "project") is { } project ? JsonRead.String(project, "project_id") : null,
        JsonRead.Array(e, "samples").Select(GdcSample.FromJson).ToArray());
}
