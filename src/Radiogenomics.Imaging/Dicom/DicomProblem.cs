namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// One problem found while indexing: the file, the record it affects (e.g. "series 1.2.3" or
/// "instance 1.2.3.4"; empty when none), why, and what to do about it.
/// </summary>
public sealed record DicomProblem(
    string File,
    string Record,
    DicomProblemKind Kind,
    DicomProblemSeverity Severity,
    string Reason,
    string Fix)
{
    public override string ToString() => $"{Severity} {Kind}: {File}{(Record.Length > 0 ? $" [{Record}]" : "")}: {Reason} Fix: {Fix}";
}
