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
    /// <param name="warn">Told, once per kind, when headers carry what identifies a person (see <see cref="IdentifyingHeaders"/>).</param>
    public static (Table Series, Table Instances, int Errors) Build(IReadOnlyList<SourceFile> files, string workspaceRoot, ProblemTable problems, CancellationToken ct,
        Action<string>? warn = null)
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
        if (warn is not null) foreach (var warning in IdentifyingHeaders(instances)) warn(warning);
        var relative = wanted.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return (SeriesTable(index.Series.Where(s => seriesUids.Contains(s.SeriesInstanceUid)).ToList()), InstanceTable(instances, relative), errors);
    }

    /// <summary>
    /// Warnings for headers that identify a person beyond the pseudonymous PatientID: a PatientName (0010,0010) that is
    /// not the PatientID (ignoring case and DICOM's '^' separators), or any PatientBirthDate (0010,0030). The product
    /// keeps neither in its tables, but the DICOM files themselves are not de-identified.
    /// </summary>
    public static IEnumerable<string> IdentifyingHeaders(IReadOnlyList<DicomHeader> instances)
    {
        static string Plain(string s) => s.Replace("^", "").Replace(" ", "").Trim();
        var named = instances.Where(i => i.PatientName.Length > 0 && !string.Equals(Plain(i.PatientName), Plain(i.PatientId), StringComparison.OrdinalIgnoreCase))
            .Select(i => i.PatientId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var born = instances.Where(i => i.PatientBirthDate.Length > 0).Select(i => i.PatientId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        const string Fix = "de-identify the files before sharing them (e.g. the DICOM PS3.15 basic profile: gdcmanon --dumb --empty 0010,0010 --empty 0010,0030); " +
            "the tables and provenance this product writes keep neither";
        if (named.Count > 0)
            yield return $"{named.Count} patient(s) have a PatientName (0010,0010) that is not their PatientID, e.g. {string.Join(", ", named.Take(3))}: the DICOM files may identify people; {Fix}";
        if (born.Count > 0)
            yield return $"{born.Count} patient(s) have a PatientBirthDate (0010,0030), e.g. {string.Join(", ", born.Take(3))}: the DICOM files may identify people; {Fix}";
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

    /// <summary>
    /// The index a fetch stage wrote, read back as a <see cref="DicomIndex"/> whose headers are
    /// <see cref="DicomHeader.FromIndex"/> entries: selecting series and splitting phases needs no file, and only the
    /// chosen phase's files are opened (by the volume assembler). Paths resolve against the workspace.
    /// </summary>
    public static DicomIndex Read(Table series, Table instances, string workspaceRoot)
    {
        string FullPath(string? relative) => Path.GetFullPath(Path.Combine(workspaceRoot, relative!));
        var seriesUids = series.GetStrings("series_uid");
        var descriptions = series.GetStrings("series_description");
        var modalities = series.GetStrings("modality");
        var kinds = series.GetStrings("object_kind");
        var studies = series.GetStrings("study_uid");
        var bySeries = Enumerable.Range(0, series.RowCount).ToDictionary(i => seriesUids[i]!, StringComparer.Ordinal);

        var positions = instances.GetNullableDoubles("slice_position");
        var triggers = instances.GetNullableDoubles("trigger_time");
        var times = instances.GetNullableDoubles("acquisition_time");
        var temporal = instances.GetNullableInt32s("temporal_position");
        var numbers = instances.GetNullableInt32s("instance_number");
        var headers = new List<DicomHeader>(instances.RowCount);
        var paths = instances.GetStrings("path");
        var patients = instances.GetStrings("patient_id");
        var instanceSeries = instances.GetStrings("series_uid");
        var sops = instances.GetStrings("sop_instance_uid");
        var syntaxes = instances.GetStrings("transfer_syntax");
        for (int i = 0; i < instances.RowCount; i++)
        {
            if (!bySeries.TryGetValue(instanceSeries[i] ?? "", out int s))
                throw new DataProblemException(paths[i] ?? "?", $"row {i + 1} of the DICOM instance index", $"series '{instanceSeries[i]}' is not in the series index",
                    "run the fetch stage again with --force (its two index tables disagree)");
            headers.Add(new DicomHeader
            {
                FilePath = FullPath(paths[i]), FromIndex = true, PatientId = patients[i] ?? "", StudyInstanceUid = studies[s] ?? "",
                SeriesInstanceUid = instanceSeries[i]!, SopInstanceUid = sops[i] ?? "", TransferSyntaxUid = syntaxes[i] ?? "",
                Modality = modalities[s] ?? "", SeriesDescription = descriptions[s] ?? "",
                ObjectKind = Enum.TryParse<DicomObjectKind>(kinds[s], out var kind) ? kind : DicomObjectKind.Image,
                InstanceNumber = numbers[i], TemporalPositionIdentifier = temporal[i], TriggerTime = triggers[i],
                AcquisitionTime = times[i] is { } t ? TimeSpan.FromSeconds(t) : null, IndexedSlicePosition = positions[i],
            });
        }
        var members = headers.GroupBy(h => h.SeriesInstanceUid, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var numbersOfSeries = series.GetNullableInt32s("series_number");
        var manufacturers = series.GetStrings("manufacturer");
        var fields = series.GetNullableDoubles("field_strength_t");
        var rows = series.GetNullableInt32s("rows");
        var columns = series.GetNullableInt32s("columns");
        var spacingRow = series.GetNullableDoubles("pixel_spacing_row");
        var spacingColumn = series.GetNullableDoubles("pixel_spacing_column");
        var thickness = series.GetNullableDoubles("slice_thickness");
        var slices = series.GetNullableInt32s("slices");
        var temporalPositions = series.GetStrings("temporal_positions");
        var bytes = series.GetNullableInt64s("bytes");
        var seriesPatients = series.GetStrings("patient_id");
        var records = new List<DicomSeriesRecord>(series.RowCount);
        for (int s = 0; s < series.RowCount; s++)
        {
            var files = members.GetValueOrDefault(seriesUids[s]!) ?? [];
            records.Add(new DicomSeriesRecord
            {
                PatientId = seriesPatients[s] ?? "", StudyInstanceUid = studies[s] ?? "", SeriesInstanceUid = seriesUids[s]!,
                SeriesNumber = numbersOfSeries[s], SeriesDescription = descriptions[s] ?? "", Modality = modalities[s] ?? "",
                Manufacturer = manufacturers[s] ?? "", MagneticFieldStrength = fields[s], MagneticFieldStrengthTesla = fields[s],
                ObjectKind = Enum.TryParse<DicomObjectKind>(kinds[s], out var kind) ? kind : DicomObjectKind.Image,
                TemporalPositions = (temporalPositions[s] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToList(),
                TriggerTimes = files.Where(h => h.TriggerTime is not null).Select(h => h.TriggerTime!.Value).Distinct().Order().ToList(),
                Rows = rows[s], Columns = columns[s],
                PixelSpacing = spacingRow[s] is { } r && spacingColumn[s] is { } c ? new PixelSpacing(r, c) : null,
                SliceThickness = thickness[s], SliceCount = slices[s] ?? files.Count, InstanceCount = files.Count,
                TransferSyntaxUids = files.Select(h => h.TransferSyntaxUid).Distinct().Order(StringComparer.Ordinal).ToList(),
                // The order DicomSeriesIndex gives: temporal position, position along the normal, instance number, path.
                FilePaths = files.OrderBy(h => h.TemporalPositionIdentifier ?? int.MaxValue).ThenBy(h => h.SlicePositionAlongNormal ?? 0)
                    .ThenBy(h => h.InstanceNumber ?? int.MaxValue).ThenBy(h => h.FilePath, StringComparer.Ordinal).Select(h => h.FilePath).ToList(),
                TotalBytes = bytes[s] ?? 0,
            });
        }
        return new DicomIndex
        {
            Root = CommonDirectory(headers.Select(h => h.FilePath).DefaultIfEmpty(Path.Combine(workspaceRoot, "x"))),
            Series = records, Instances = headers.OrderBy(h => h.FilePath, StringComparer.Ordinal).ToList(), Problems = [], FilesScanned = headers.Count,
        };
    }

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
