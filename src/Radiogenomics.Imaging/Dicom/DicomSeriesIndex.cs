namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// Indexes a folder tree of DICOM files in any layout (NBIA Data Retriever trees, flat folders, one folder per
/// phase): reads every file's header in parallel, groups files by (PatientID, StudyInstanceUID,
/// SeriesInstanceUID) and returns one record per series and per instance. Nothing a single file can do
/// stops the scan: non-DICOM, truncated and unreadable files, missing PatientIDs, duplicate SOP Instance UIDs
/// and inconsistent series come back as <see cref="DicomProblem"/>s. The result does not depend on thread
/// timing: files are taken in ordinal path order.
/// </summary>
public static class DicomSeriesIndex
{
    private const double PositionTolerance = 0.01; // mm; slice positions closer than this are one slice

    public static DicomIndex Build(string root, DicomIndexOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        options ??= new DicomIndexOptions();
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{root}: no such folder to index. Check the path (relative paths resolve against {Environment.CurrentDirectory}).");
        }

        var enumeration = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = 0, // hidden files too: a DICOM file is a DICOM file whatever its name
            MatchType = MatchType.Simple,
        };
        var files = Directory.EnumerateFiles(root, "*", enumeration).ToArray();
        Array.Sort(files, StringComparer.Ordinal);

        var results = new ScanResult[files.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        if (files.Length > 0)
        {
            GdcmRuntime.EnsureLoaded();
        }
        Parallel.For(0, files.Length, parallel, i => results[i] = Scan(files[i]));

        var problems = new List<DicomProblem>();
        var instances = new List<DicomHeader>();
        var firstBySopInstance = new Dictionary<string, string>(StringComparer.Ordinal);
        var groups = new Dictionary<(string Patient, string Study, string Series), List<DicomHeader>>();
        foreach (var result in results)
        {
            if (result.Problem is { } problem)
            {
                if (problem.Kind != DicomProblemKind.NotDicom || options.ReportNonDicomFiles)
                {
                    problems.Add(problem);
                }
                continue;
            }
            var header = result.Header!;
            var missing = new List<string>();
            if (header.StudyInstanceUid.Length == 0) missing.Add("StudyInstanceUID (0020,000D)");
            if (header.SeriesInstanceUid.Length == 0) missing.Add("SeriesInstanceUID (0020,000E)");
            if (header.SopInstanceUid.Length == 0) missing.Add("SOPInstanceUID (0008,0018)");
            if (missing.Count > 0)
            {
                problems.Add(new DicomProblem(header.FilePath, "", DicomProblemKind.MissingUid, DicomProblemSeverity.Error,
                    $"no {string.Join(", no ", missing)}, so the file cannot be placed in a series; left out.",
                    "re-export the file from its source, or give it the missing UIDs (e.g. dcmodify -i \"(0020,000E)=<series UID>\")."));
                continue;
            }
            if (firstBySopInstance.TryGetValue(header.SopInstanceUid, out var first))
            {
                problems.Add(new DicomProblem(header.FilePath, $"instance {header.SopInstanceUid}", DicomProblemKind.DuplicateSopInstanceUid,
                    DicomProblemSeverity.Warning,
                    $"same SOPInstanceUID as {first}; left out, the first file in path order is kept.",
                    "delete the extra copy; if the two files differ, the exporter reused UIDs and the series must be re-exported."));
                continue;
            }
            firstBySopInstance.Add(header.SopInstanceUid, header.FilePath);
            instances.Add(header);
            var key = (header.PatientId, header.StudyInstanceUid, header.SeriesInstanceUid);
            if (!groups.TryGetValue(key, out var members))
            {
                groups.Add(key, members = []);
            }
            members.Add(header);
        }

        var series = new List<DicomSeriesRecord>(groups.Count);
        foreach (var ((patient, study, seriesUid), members) in groups)
        {
            series.Add(Summarise(patient, study, seriesUid, members, problems));
        }
        foreach (var shared in series.GroupBy(s => s.SeriesInstanceUid).Where(g => g.Count() > 1))
        {
            var owners = string.Join("; ", shared.Select(s => $"patient '{s.PatientId}' study {s.StudyInstanceUid}"));
            problems.Add(new DicomProblem(shared.First().FilePaths[0], $"series {shared.Key}", DicomProblemKind.InconsistentSeries,
                DicomProblemSeverity.Warning,
                $"one SeriesInstanceUID appears under several patients or studies ({owners}); indexed as separate series.",
                "check the PatientID and StudyInstanceUID of these files; a de-identification step may have changed them inconsistently."));
        }

        series.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.PatientId, b.PatientId);
            if (c == 0) c = string.CompareOrdinal(a.StudyInstanceUid, b.StudyInstanceUid);
            if (c == 0) c = Nullable.Compare(a.SeriesNumber, b.SeriesNumber);
            return c != 0 ? c : string.CompareOrdinal(a.SeriesInstanceUid, b.SeriesInstanceUid);
        });
        problems.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.File, b.File);
            return c != 0 ? c : a.Kind.CompareTo(b.Kind);
        });
        return new DicomIndex
        {
            Root = root,
            Series = series,
            Instances = instances,
            Problems = problems,
            FilesScanned = files.Length,
        };
    }

    private static ScanResult Scan(string path)
    {
        try
        {
            return new ScanResult(DicomFile.ReadHeader(path), null);
        }
        catch (DicomFormatException e)
        {
            var (kind, severity) = e.Error switch
            {
                DicomFormatError.NotDicom => (DicomProblemKind.NotDicom, DicomProblemSeverity.Info),
                DicomFormatError.Truncated => (DicomProblemKind.Truncated, DicomProblemSeverity.Error),
                _ => (DicomProblemKind.Unreadable, DicomProblemSeverity.Error),
            };
            var fix = kind == DicomProblemKind.NotDicom
                ? "nothing if this is an expected companion file (LICENSE, metadata.csv); otherwise export it as DICOM Part 10."
                : e.Fix;
            return new ScanResult(null, new DicomProblem(path, "", kind, severity, e.Reason, fix));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ScanResult(null, new DicomProblem(path, "", DicomProblemKind.Unreadable, DicomProblemSeverity.Error,
                $"the file could not be read ({e.Message}).", "check its permissions and that the disk or network share is reachable."));
        }
    }

    private static DicomSeriesRecord Summarise(string patient, string study, string seriesUid, List<DicomHeader> members, List<DicomProblem> problems)
    {
        var record = $"series {seriesUid}";
        var first = members[0];
        if (patient.Length == 0)
        {
            problems.Add(new DicomProblem(first.FilePath, record, DicomProblemKind.MissingPatientId, DicomProblemSeverity.Error,
                $"{members.Count} file(s) of this series have no PatientID (0010,0020); indexed under an empty PatientID, so the series " +
                "cannot be linked to clinical or genomic data.",
                "set PatientID in every file of the series (e.g. dcmodify -i \"(0010,0020)=TCGA-XX-XXXX\" on each file) and index again."));
        }

        // Values equal within a tolerance count as one, so text rounding (1 vs 0.99999994) is not a conflict.
        T? Agreed<T>(Func<DicomHeader, T?> value, string what, Func<T, T, bool> same) where T : struct
        {
            var distinct = new List<T?>();
            foreach (var v in members.Select(value))
            {
                if (!distinct.Any(d => d is null ? v is null : v is not null && same(d.Value, v.Value)))
                {
                    distinct.Add(v);
                }
            }
            if (distinct.Count == 1)
            {
                return distinct[0];
            }
            problems.Add(new DicomProblem(first.FilePath, record, DicomProblemKind.InconsistentSeries, DicomProblemSeverity.Warning,
                $"the files of this series disagree on {what} ({string.Join(", ", distinct.Select(d => d?.ToString() ?? "absent"))}).",
                "split the series before building a volume (e.g. by Rows/Columns or orientation), or re-export it."));
            return null;
        }

        static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-4;
        static bool CloseVector(Vector3D a, Vector3D b) => Close(a.X, b.X) && Close(a.Y, b.Y) && Close(a.Z, b.Z);
        var rows = Agreed(h => (int?)h.Rows, "Rows", (a, b) => a == b);
        var columns = Agreed(h => (int?)h.Columns, "Columns", (a, b) => a == b);
        var spacing = Agreed(h => h.PixelSpacing, "PixelSpacing", (a, b) => Close(a.Row, b.Row) && Close(a.Column, b.Column));
        var orientation = Agreed(h => h.ImageOrientationPatient, "ImageOrientationPatient",
            (a, b) => CloseVector(a.Row, b.Row) && CloseVector(a.Column, b.Column));

        var positions = members.Select(h => h.SlicePositionAlongNormal).Where(p => p is not null).Select(p => p!.Value).Order().ToList();
        var sliceCount = 0;
        for (var i = 0; i < positions.Count; i++)
        {
            if (i == 0 || positions[i] - positions[i - 1] > PositionTolerance)
            {
                sliceCount++;
            }
        }
        if (positions.Count < members.Count)
        {
            sliceCount = members.Count; // without geometry every file is its own slice
        }

        var ordered = members
            .OrderBy(h => h.TemporalPositionIdentifier ?? int.MaxValue)
            .ThenBy(h => h.SlicePositionAlongNormal ?? 0)
            .ThenBy(h => h.InstanceNumber ?? int.MaxValue)
            .ThenBy(h => h.FilePath, StringComparer.Ordinal)
            .ToList();

        return new DicomSeriesRecord
        {
            PatientId = patient,
            StudyInstanceUid = study,
            SeriesInstanceUid = seriesUid,
            SeriesNumber = first.SeriesNumber,
            SeriesDescription = first.SeriesDescription,
            Modality = first.Modality,
            Manufacturer = first.Manufacturer,
            ManufacturerModelName = first.ManufacturerModelName,
            MagneticFieldStrength = members.Select(h => h.MagneticFieldStrength).FirstOrDefault(f => f is not null),
            MagneticFieldStrengthTesla = members.Select(h => h.MagneticFieldStrengthTesla).FirstOrDefault(f => f is not null),
            SopClassUid = first.SopClassUid,
            ObjectKind = first.ObjectKind,
            TemporalPositions = members.Where(h => h.TemporalPositionIdentifier is not null)
                .Select(h => h.TemporalPositionIdentifier!.Value).Distinct().Order().ToList(),
            TriggerTimes = members.Where(h => h.TriggerTime is not null).Select(h => h.TriggerTime!.Value).Distinct().Order().ToList(),
            Rows = rows,
            Columns = columns,
            PixelSpacing = spacing,
            SliceThickness = members.Select(h => h.SliceThickness).FirstOrDefault(t => t is not null),
            Orientation = orientation,
            SliceCount = sliceCount,
            InstanceCount = members.Count,
            TransferSyntaxUids = members.Select(h => h.TransferSyntaxUid).Distinct().Order(StringComparer.Ordinal).ToList(),
            FilePaths = ordered.Select(h => h.FilePath).ToList(),
            TotalBytes = members.Sum(h => h.FileSize),
        };
    }

    private sealed record ScanResult(DicomHeader? Header, DicomProblem? Problem);
}
