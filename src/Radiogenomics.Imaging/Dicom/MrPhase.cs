namespace Radiogenomics.Imaging.Dicom;

/// <summary>One temporal position of a (dynamic) MR series: its voxels and timing.</summary>
public sealed record MrPhase
{
    public required MrVolumeData Pixels { get; init; }

    /// <summary>(0020,0100); null: 1, 2, ... by order when a series has several phases, absent for a single one.</summary>
    public int? TemporalPositionIdentifier { get; init; }

    /// <summary>(0018,1060) in ms from the start of the dynamic (or the trigger).</summary>
    public double? TriggerTime { get; init; }

    /// <summary>(0008,0032), also written as Content Time.</summary>
    public TimeSpan? AcquisitionTime { get; init; }
}
