using System.Globalization;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// Indexes the DICOM files of a source stage and turns the index into two tables: one row per series (key tags,
/// temporal positions, geometry, slice count, transfer syntaxes) and one per file (workspace-relative path,
/// content hash, instance tags). Pixel data stays in the DICOM files; later stages read it by path.
/// Problems (not DICOM, truncated, duplicate SOPInstanceUID, missing PatientID, …) go to the errors table.
/// </summary>
public static class DicomIndexTables
{
    public static (Table Series, Table Instances, int Errors) Build(IReadOnlyList<SourceFile> files, string workspaceRoot, ProblemTable problems, CancellationToken ct)
    {
        if (files.Count == 0) return (SeriesTable([]), InstanceTable([], new Dictionary<string, SourceFile>()), 0);
        string root = CommonDirectory(files.Select(f => f.FullPath));
        var index = DicomSeriesIndex.Build(root, new DicomIndexOptions(), ct);
        var wanted = files.ToDictionary(f => f.FullPath, StringComparer.Ordinal);
        // The index walks the folder; a glob may have selected only part of it.
        var instances = index.Instances.Where(i => wanted.ContainsKey(i.FilePath)).ToList();
        var seriesUids = instances.Select(i => i.SeriesInstanceUid).ToHashSet(StringComparer.Ordinal);
        int errors = 0;
        foreach (var p in index.Problems.Where(p => wanted.ContainsKey(p.File) || !File.Exists(p.File)))
        {
            problems.Add(Path.GetRelativePath(workspaceRoot, p.File), p.Record.Length > 0 ? p.Record : p.Kind.ToString(), $"{p.Kind}: {p.Reason}", p.Fix,
                p.Severity == DicomProblemSeverity.Error ? "skipped" : p.Severity.ToString().ToLowerInvariant());
            if (p.Severity == DicomProblemSeverity.Error) errors++;
        }
        var relative = wanted.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return (SeriesTable(index.Series.Where(s => seriesUids.Contains(s.SeriesInstanceUid)).ToList()), InstanceTable(instances, relative), errors);
    }

    private static Table SeriesTable(IReadOnlyList<DicomSeriesRecord> series) => new Table()
        .Add("patient_id", series.Select(s => (string?)s.PatientId).ToArray())
        .Add("study_uid", series.Select(s => (string?)s.StudyInstanceUid).ToArray())
        .Add("series_uid", series.Select(s => (string?)s.SeriesInstanceUid).ToArray())
        .Add("series_number", series.Select(s => s.SeriesNumber).ToArray())
        .Add("series_description", series.Select(s => (string?)s.SeriesDescription).ToArray())
        .Add("modality", series.Select(s => (string?)s.Modality).ToArray())
        .Add("manufacturer", series.Select(s => (string?)s.Manufacturer).ToArray())
        .Add("field_strength_t", series.Select(s => s.MagneticFieldStrengthTesla).ToArray())
        .Add("object_kind", series.Select(s => (string?)s.ObjectKind.ToString()).ToArray())
        .Add("temporal_positions", series.Select(s => (string?)string.Join(",", s.TemporalPositions)).ToArray())
        .Add("phases", series.Select(s => Math.Max(1, s.TemporalPositions.Count)).ToArray())
        .Add("rows", series.Select(s => s.Rows).ToArray())
        .Add("columns", series.Select(s => s.Columns).ToArray())
        .Add("pixel_spacing_row", series.Select(s => s.PixelSpacing?.Row).ToArray())
        .Add("pixel_spacing_column", series.Select(s => s.PixelSpacing?.Column).ToArray())
        .Add("slice_thickness", series.Select(s => s.SliceThickness).ToArray())
        .Add("slices", series.Select(s => s.SliceCount).ToArray())
        .Add("instances", series.Select(s => s.InstanceCount).ToArray())
        .Add("transfer_syntaxes", series.Select(s => (string?)string.Join(",", s.TransferSyntaxUids)).ToArray())
        .Add("bytes", series.Select(s => s.TotalBytes).ToArray());

    private static Table InstanceTable(IReadOnlyList<DicomHeader> instances, IReadOnlyDictionary<string, SourceFile> files) => new Table()
        .Add("path", instances.Select(i => (string?)files[i.FilePath].RelativePath).ToArray())
        .Add("sha256", instances.Select(i => (string?)files[i.FilePath].Sha256).ToArray())
        .Add("patient_id", instances.Select(i => (string?)i.PatientId).ToArray())
        .Add("series_uid", instances.Select(i => (string?)i.SeriesInstanceUid).ToArray())
        .Add("sop_instance_uid", instances.Select(i => (string?)i.SopInstanceUid).ToArray())
        .Add("instance_number", instances.Select(i => i.InstanceNumber).ToArray())
        .Add("temporal_position", instances.Select(i => i.TemporalPositionIdentifier).ToArray())
        .Add("trigger_time", instances.Select(i => i.TriggerTime).ToArray())
        .Add("acquisition_time", instances.Select(i => i.AcquisitionTime?.TotalSeconds).ToArray())
        .Add("slice_position", instances.Select(i => i.SlicePositionAlongNormal).ToArray())
        .Add("transfer_syntax", instances.Select(i => (string?)i.TransferSyntaxUid).ToArray());

    internal static string CommonDirectory(IEnumerable<string> paths)
    {
        string? common = null;
        foreach (var dir in paths.Select(p => Path.GetDirectoryName(p)!))
        {
            if (common is null) { common = dir; continue; }
            while (!(dir + "/").StartsWith(common + "/", StringComparison.Ordinal)) common = Path.GetDirectoryName(common)!;
        }
        return common ?? "/";
    }
}
