namespace Radiogenomics.Report;

/// <summary>One section of the report: its anchor id (also in the table of contents), heading and HTML body.</summary>
internal sealed record ReportSection(string Id, string Title, string Body);
