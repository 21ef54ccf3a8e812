using System.Globalization;
using System.Text.Json.Nodes;

namespace Radiogenomics.DataSources;

/// <summary>A search on the GDC <c>files</c> or <c>cases</c> endpoint: filter, fields, expansions, page size and sort.</summary>
public sealed record GdcQuery
{
    public GdcFilter? Filter { get; init; }
    public IReadOnlyList<string> Fields { get; init; } = [];
    public IReadOnlyList<string> Expand { get; init; } = [];

    /// <summary>Hits per request (GDC's <c>size</c>; its default is 10).</summary>
    public int PageSize { get; init; } = 500;

    /// <summary>e.g. "file_id:asc". Set a unique key: without a stable order, pages can overlap or skip hits.</summary>
    public string? Sort { get; init; }

    /// <summary>What <see cref="StarCountsFiles"/> asks for: ids, checksum and size for downloading, and the case,
    /// sample and aliquot barcodes for joining with TCIA and choosing one profile per patient.</summary>
    public static IReadOnlyList<string> StarCountsFields { get; } =
    [
        "file_id", "file_name", "md5sum", "file_size", "data_category", "data_type", "data_format",
        "experimental_strategy", "access", "state", "analysis.workflow_type",
        "cases.case_id", "cases.submitter_id", "cases.project.project_id",
        "cases.samples.sample_id", "cases.samples.submitter_id", "cases.samples.sample_type", "cases.samples.tissue_type",
        "cases.samples.portions.analytes.aliquots.submitter_id",
    ];

    /// <summary>What <see cref="ClinicalCases"/> expands: demographic (vital status, days to death, sex), diagnoses
    /// (stage, days to last follow-up), follow-ups and their molecular tests (ER/PR/HER2 where recorded).</summary>
    public static IReadOnlyList<string> ClinicalExpand { get; } = ["demographic", "diagnoses", "follow_ups", "follow_ups.molecular_tests"];

    /// <summary>Open-access STAR gene counts (GDC's "Gene Expression Quantification" from workflow "STAR - Counts") of a project.</summary>
    public static GdcQuery StarCountsFiles(string projectId = "TCGA-BRCA", bool primaryTumorOnly = false)
    {
        List<GdcFilter> parts =
        [
            GdcFilter.In("cases.project.project_id", projectId),
            GdcFilter.Equal("data_category", "Transcriptome Profiling"),
            GdcFilter.Equal("data_type", "Gene Expression Quantification"),
            GdcFilter.Equal("analysis.workflow_type", "STAR - Counts"),
            GdcFilter.Equal("experimental_strategy", "RNA-Seq"),
            GdcFilter.Equal("access", "open"),
        ];
        if (primaryTumorOnly) parts.Add(GdcFilter.In("cases.samples.sample_type", "Primary Tumor"));
        return new GdcQuery { Filter = GdcFilter.And(parts), Fields = StarCountsFields, PageSize = 500, Sort = "file_id:asc" };
    }

    /// <summary>Every case of a project with its clinical records.</summary>
    public static GdcQuery ClinicalCases(string projectId = "TCGA-BRCA") => new()
    {
        Filter = GdcFilter.In("project.project_id", projectId),
        Fields = ["case_id", "submitter_id", "project.project_id"],
        Expand = ClinicalExpand,
        PageSize = 500,
        Sort = "case_id:asc",
    };

    /// <summary>The POST body. GDC's documentation writes size/from as strings; the API accepts them so.</summary>
    internal string ToRequestJson(int from)
    {
        var body = new JsonObject { ["format"] = "JSON" };
        if (Filter is not null) body["filters"] = Filter.ToNode();
        if (Fields.Count > 0) body["fields"] = string.Join(",", Fields);
        if (Expand.Count > 0) body["expand"] = string.Join(",", Expand);
        if (!string.IsNullOrWhiteSpace(Sort)) body["sort"] = Sort;
        body["size"] = PageSize.ToString(CultureInfo.InvariantCulture);
        body["from"] = from.ToString(CultureInfo.InvariantCulture);
        return body.ToJsonString(GdcFilter.BodyOptions);
    }
}
