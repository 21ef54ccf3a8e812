namespace Radiogenomics.Imaging.Dicom;

/// <summary>What <see cref="DicomSeriesIndex.Build"/> found under a folder.</summary>
public sealed record DicomIndex
{
    public required string Root { get; init; }

    /// <summary>Sorted by PatientID, StudyInstanceUID, SeriesNumber, SeriesInstanceUID.</summary>
    public required IReadOnlyList<DicomSeriesRecord> Series { get; init; }

    /// <summary>One header per indexed file (duplicates and unreadable files left out), sorted by path.</summary>
    public required IReadOnlyList<DicomHeader> Instances { get; init; }

    /// <summary>Sorted by file, then kind.</summary>
    public required IReadOnlyList<DicomProblem> Problems { get; init; }

    /// <summary>Every file looked at, DICOM or not.</summary>
    public int FilesScanned { get; init; }

    public IEnumerable<DicomSeriesRecord> ImageSeries => Series.Where(s => s.IsImageSeries);

    public IEnumerable<DicomProblem> Errors => Problems.Where(p => p.Severity == DicomProblemSeverity.Error);
}
