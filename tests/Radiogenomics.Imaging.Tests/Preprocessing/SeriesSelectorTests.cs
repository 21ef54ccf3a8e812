using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Preprocessing;

public sealed class SeriesSelectorTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly DicomIndex index;

    public SeriesSelectorTests()
    {
        var g = SyntheticSeries.Geometry;
        // P1: GE 1.5 T, the whole dynamic in one series (+ a T2 and a subtraction series).
        SyntheticSeries.Write(temp.Combine("P1", "dce"), "P1");
        Single("P1", "t2", "Ax T2 FSE", 2, 0, null);
        Single("P1", "sub", "Ax Vibrant SUB 1", 9, 1, null);
        // P2: Siemens 3 T.
        var siemens = SyntheticSeries.Info("P2") with { SeriesDescription = "fl3d dynamic", Manufacturer = "SIEMENS", MagneticFieldStrength = 3 };
        PreprocessingFixtures.Writer.Write(temp.Combine("P2", "dce"), siemens, g, SyntheticSeries.PhaseList());
        // P3: no DCE series.
        Single("P3", "t2", "Sag T2 FSE FS", 3, 0, null);
        // P4: only a pre-contrast acquisition.
        Single("P4", "pre", "Ax Vibrant pre", 4, 0, new TimeSpan(9, 31, 0));
        // P5: one series per phase, series numbers deliberately out of time order.
        Single("P5", "post2", "dyn post2", 5, 2, new TimeSpan(9, 33, 0));
        Single("P5", "pre", "dyn pre", 6, 0, new TimeSpan(9, 31, 0));
        Single("P5", "post1", "dyn post1", 7, 1, new TimeSpan(9, 32, 0));
        index = DicomSeriesIndex.Build(temp.Path, new DicomIndexOptions { MaxDegreeOfParallelism = 2 });
    }

    public void Dispose() => temp.Dispose();

    private void Single(string patient, string key, string description, int number, int phase, TimeSpan? time)
    {
        var info = SyntheticSeries.Info(patient, number, key) with { SeriesDescription = description };
        PreprocessingFixtures.WriteSinglePhase(temp.Combine(patient, key), info, SyntheticSeries.Geometry, phase, null, time);
    }

    [Fact]
    public void DefaultRule_FirstPostContrastPhase_AndEveryOtherPatientExcludedWithReason()
    {
        var result = SeriesSelector.Select(index, new SeriesSelectionRule { ManufacturerPattern = "^GE", FieldStrengthTesla = 1.5 }, ["P1", "P6"]);

        Assert.Equal(["P1", "P5"], result.Selected.Select(s => s.PatientId));
        var p1 = result.Selected[0];
        Assert.Equal("Ax Vibrant MultiPhase", p1.Series.SeriesDescription);
        Assert.Equal(1, p1.Phase.Index);
        Assert.Equal(2, p1.Phase.TemporalPositionIdentifier);
        Assert.Equal(3, p1.PhaseCount);
        Assert.Equal(SyntheticSeries.Slices, p1.Files.Count);
        Assert.Equal(SyntheticSeries.Value(1, 2, 3, 4), p1.Assemble()[4, 3, 2]);
        Assert.Equal("dyn post1", result.Selected[1].Series.SeriesDescription);

        var reasons = result.Exclusions.ToDictionary(e => e.PatientId, e => e.Reason);
        Assert.Equal(["P2", "P3", "P4", "P6"], reasons.Keys.Order());
        Assert.Equal("wrong scanner: SIEMENS 3 T", reasons["P2"]);
        Assert.StartsWith("no DCE series", reasons["P3"]);
        Assert.StartsWith("only the pre-contrast phase", reasons["P4"]);
        Assert.Equal("no files", reasons["P6"]);
        Assert.StartsWith("patient_id\treason\nP2\twrong scanner: SIEMENS 3 T\n", result.ExclusionsTsv());
    }

    [Fact]
    public void TemporalPositionRule_PicksThatPhase()
    {
        var result = SeriesSelector.Select(index, new SeriesSelectionRule { Choice = PhaseChoice.TemporalPositionIdentifier, TemporalPositionIdentifier = 3 });

        var p1 = Assert.Single(result.Selected, s => s.PatientId == "P1");
        Assert.Equal(2, p1.Phase.Index);
        Assert.Contains(result.Exclusions, e => e.PatientId == "P5" && e.Reason.Contains("Temporal Position Identifier 3"));
    }

    [Fact]
    public void DescriptionRule_PicksMatchingSeries()
    {
        var result = SeriesSelector.Select(index, new SeriesSelectionRule { Choice = PhaseChoice.SeriesDescription, PhaseDescriptionPattern = "post ?2" });

        Assert.Equal("dyn post2", Assert.Single(result.Selected, s => s.PatientId == "P5").Series.SeriesDescription);
        Assert.Contains(result.Exclusions, e => e.PatientId == "P4" && e.Reason.StartsWith("no DCE series description matches"));
    }

    [Fact]
    public void AcquisitionOrderRule_IgnoresSeriesNumbers()
    {
        var result = SeriesSelector.Select(index, new SeriesSelectionRule { Choice = PhaseChoice.AcquisitionOrder, PhaseIndex = 2 });

        Assert.Equal("dyn post2", Assert.Single(result.Selected, s => s.PatientId == "P5").Series.SeriesDescription);
    }

    [Fact]
    public void InvalidRule_Throws() =>
        Assert.Contains("TemporalPositionIdentifier", Assert.Throws<ArgumentException>(() =>
            SeriesSelector.Select(index, new SeriesSelectionRule { Choice = PhaseChoice.TemporalPositionIdentifier })).Message);
}
