using Radiogenomics.Imaging.Dicom;

namespace Radiogenomics.Imaging.Tests.Support;

/// <summary>A small multi-phase MR series with known geometry and values, written with deterministic UIDs.</summary>
internal static class SyntheticSeries
{
    public const int Rows = 12;
    public const int Columns = 10; // not square, so a row/column swap shows
    public const int Slices = 4;
    public const int Phases = 3;
    public const string Seed = "imaging-tests";

    public static DicomUidGenerator Uids => DicomUidGenerator.Deterministic(Seed);

    public static MrSeriesInfo Info(string patientId = "TCGA-ZZ-0001", int seriesNumber = 5, string seriesKey = "dce")
    {
        var uids = Uids;
        return new MrSeriesInfo
        {
            PatientId = patientId,
            PatientName = "SYNTHETIC^" + patientId,
            PatientSex = "F",
            StudyInstanceUid = uids.Create($"study/{patientId}"),
            StudyId = "1",
            StudyDate = new DateOnly(2003, 4, 15),
            StudyTime = new TimeSpan(0, 9, 30, 5, 250),
            StudyDescription = "BREAST MRI",
            SeriesInstanceUid = uids.Create($"series/{patientId}/{seriesKey}"),
            SeriesNumber = seriesNumber,
            SeriesDescription = "Ax Vibrant MultiPhase",
            Manufacturer = "GE MEDICAL SYSTEMS",
            ManufacturerModelName = "SIGNA EXCITE",
            MagneticFieldStrength = 1.5,
            EchoTime = 2.1,
            RepetitionTime = 5.3,
            FlipAngle = 10,
            SliceThickness = 3,
            EchoTrainLength = 1,
            SequenceName = "vibrant",
            ContrastBolusAgent = "GADOLINIUM",
        };
    }

    /// <summary>Oblique on purpose: directions (0.6, 0.8, 0) and (0, 0, -1), exactly representable in DS.</summary>
    public static VolumeGeometry Geometry => new()
    {
        Rows = Rows,
        Columns = Columns,
        Slices = Slices,
        Origin = new Vector3D(-120.5, 33.25, 10),
        RowDirection = new Vector3D(0.6, 0.8, 0), ColumnDirection = new Vector3D(0, 0, -1),
        RowSpacing = 0.75, ColumnSpacing = 0.625,
        SliceSpacing = 2.5,
    };

    /// <summary>Distinct, partly negative values: 1000 p + 100 k + 10 r + c − 500.</summary>
    public static short Value(int phase, int slice, int row, int column) => (short)(1000 * phase + 100 * slice + 10 * row + column - 500);

    public static short[] Voxels(int phase)
    {
        var voxels = new short[Slices * Rows * Columns];
        for (var k = 0; k < Slices; k++)
        for (var r = 0; r < Rows; r++)
        for (var c = 0; c < Columns; c++)
        {
            voxels[(k * Rows + r) * Columns + c] = Value(phase, k, r, c);
        }
        return voxels;
    }

    public static IReadOnlyList<MrPhase> PhaseList() =>
        Enumerable.Range(0, Phases).Select(p => new MrPhase
        {
            Pixels = MrVolumeData.FromInt16(Voxels(p)),
            TriggerTime = p * 90_000.5,
            AcquisitionTime = new TimeSpan(0, 9, 31 + p, 30, 125),
        }).ToList();

    public static IReadOnlyList<string> Write(string directory, string patientId = "TCGA-ZZ-0001", int seriesNumber = 5, string seriesKey = "dce") =>
        new MrSeriesWriter(Uids).Write(directory, Info(patientId, seriesNumber, seriesKey), Geometry, PhaseList());
}
