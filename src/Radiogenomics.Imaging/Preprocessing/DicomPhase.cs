using Radiogenomics.Imaging.Dicom;

namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>One temporal phase of a series: its files (in no particular order) and its timing.</summary>
public sealed record DicomPhase
{
    /// <summary>0-based position in time order: 0 = the first (pre-contrast) phase of a DCE series.</summary>
    public required int Index { get; init; }

    public required PhaseCriterion Criterion { get; init; }

    public required IReadOnlyList<DicomHeader> Files { get; init; }

    /// <summary>The phase's Temporal Position Identifier when all its files agree on one.</summary>
    public int? TemporalPositionIdentifier { get; init; }

    /// <summary>The smallest Trigger Time of its files, ms.</summary>
    public double? TriggerTime { get; init; }

    /// <summary>The earliest Acquisition Time of its files.</summary>
    public TimeSpan? AcquisitionTime { get; init; }

    public IReadOnlyList<string> FilePaths => Files.Select(f => f.FilePath).ToList();
}
