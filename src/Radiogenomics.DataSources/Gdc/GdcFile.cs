using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>A hit of the GDC <c>files</c> endpoint. <see cref="Md5Sum"/> and <see cref="FileSize"/> are what the
/// download is verified against.</summary>
public sealed record GdcFile
{
    public required string FileId { get; init; }
    public string? FileName { get; init; }
    public string? Md5Sum { get; init; }
    public long? FileSize { get; init; }
    public string? DataCategory { get; init; }
    public string? DataType { get; init; }
    public string? DataFormat { get; init; }
    public string? ExperimentalStrategy { get; init; }
    public string? Access { get; init; }
    public string? State { get; init; }

    /// <summary>analysis.workflow_type, e.g. "STAR - Counts".</summary>
    public string? WorkflowType { get; init; }

    public IReadOnlyList<GdcFileCase> Cases { get; init; } = [];

    /// <summary>All sample barcodes of the file (one for STAR counts).</summary>
    public IEnumerable<string> SampleSubmitterIds => Cases.SelectMany(c => c.Samples).Select(s => s.SubmitterId).OfType<string>();

    internal static GdcFile? FromJson(JsonElement e)
    {
        var id = JsonRead.String(e, "file_id", "id");
        if (string.IsNullOrWhiteSpace(id)) return null;
        return new GdcFile
        {
            FileId = id,
            FileName = JsonRead.String(e, "file_name"),
            Md5Sum = JsonRead.String(e, "md5sum"),
            FileSize = JsonRead.Int64(e, "file_size"),
            DataCategory = JsonRead.String(e, "data_category"),
            DataType = JsonRead.String(e, "data_type"),
            DataFormat = JsonRead.String(e, "data_format"),
            ExperimentalStrategy = JsonRead.String(e, "experimental_strategy"),
            Access = JsonRead.String(e, "access"),
            State = JsonRead.String(e, "state"),
            WorkflowType = JsonRead.Object(e, "analysis") is { } analysis ? JsonRead.String(analysis, "workflow_type") : null,
            Cases = JsonRead.Array(e, "cases").Select(GdcFileCase.FromJson).ToArray(),
        };
    }
}
