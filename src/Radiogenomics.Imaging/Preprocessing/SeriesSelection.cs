using Radiogenomics.Imaging.Dicom;

namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>The series and phase chosen for one patient.</summary>
public sealed record SeriesSelection
{
    public required string PatientId { get; init; }

    public required DicomSeriesRecord Series { get; init; }

    public required DicomPhase Phase { get; init; }

    /// <summary>Phases of the chosen series (1 for one-series-per-phase layouts).</summary>
    public required int PhaseCount { get; init; }

    public IReadOnlyList<string> Files => Phase.FilePaths;

    /// <summary>Assembles the chosen phase into a volume.</summary>
    public ImageVolume Assemble() =>
        VolumeAssembler.Assemble(Phase, $"series {Series.SeriesInstanceUid} '{Series.SeriesDescription}' of patient {PatientId}");
}
