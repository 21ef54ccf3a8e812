using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>A sample a GDC file was made from: barcode (submitter_id, e.g. TCGA-AO-A03M-01A), type and its aliquots.</summary>
public sealed record GdcSample(string? SampleId, string? SubmitterId, string? SampleType, string? TissueType, IReadOnlyList<string> AliquotSubmitterIds)
{
    internal static GdcSample FromJson(JsonElement e) => new(
        JsonRead.String(e, "sample_id"),
        JsonRead.String(e, "submitter_id"),
        JsonRead.String(e, "sample_type"),
        JsonRead.String(e, "tissue_type"),
        JsonRead.Array(e, "portions")
            .SelectMany(p => JsonRead.Array(p, "analytes"))
            .SelectMany(a => JsonRead.Array(a, "aliquots"))
            .Select(a => JsonRead.String(a, "submitter_id"))
            .OfType<string>()
            .ToArray());
}
