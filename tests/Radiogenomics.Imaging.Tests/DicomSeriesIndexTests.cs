using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests;

public class DicomSeriesIndexTests
{
    [Fact]
    public void MixedTree_GivesSeriesInstancesAndProblems()
    {
        using var temp = new TempDirectory();
        // An NBIA-style tree for patient 1 (three phases in one series), a flat folder for patient 2.
        var seriesA = temp.Combine("TCGA-BRCA", "TCGA-ZZ-0001", "04-15-2003-BREAST MRI-12345", "5.000000-Ax Vibrant MultiPhase-67890");
        var seriesB = temp.Combine("flat");
        var pathsA = SyntheticSeries.Write(seriesA);
        var pathsB = SyntheticSeries.Write(seriesB, patientId: "TCGA-ZZ-0002", seriesNumber: 7, seriesKey: "t1");
        File.WriteAllText(temp.Combine("TCGA-BRCA", "LICENSE"), "Creative Commons Attribution 3.0 Unported License\n");
        File.WriteAllText(temp.Combine("metadata.csv"), "Series UID,Collection,Subject ID\n");
        var duplicate = temp.Combine("zz-copies", "copy-of-1-002.dcm");
        Directory.CreateDirectory(Path.GetDirectoryName(duplicate)!);
        File.Copy(pathsA[1], duplicate);
        var noPatient = temp.Combine("odd", "no-patient-id.dcm");
        Directory.CreateDirectory(Path.GetDirectoryName(noPatient)!);
        GdcmFixtures.CopyWithout(PydicomTestFiles.Path("MR_small.dcm"), noPatient, (0x0010, 0x0020));
        var report = temp.Combine("odd", "report-sr.dcm");
        File.Copy(PydicomTestFiles.Path("test-SR.dcm"), report);
        var truncated = temp.Combine("odd", "cut.dcm");
        File.Copy(PydicomTestFiles.Path("MR_truncated.dcm"), truncated);

        var index = DicomSeriesIndex.Build(temp.Path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(pathsA.Count + pathsB.Count + 6, index.FilesScanned);
        Assert.Equal(pathsA.Count + pathsB.Count + 2, index.Instances.Count); // + no-patient MR_small + SR

        // Series: ("" patient: MR_small), TCGA-ZZ-0001, TCGA-ZZ-0002, and the SR's own patient.
        Assert.Equal(4, index.Series.Count);
        var a = index.Series.Single(s => s.PatientId == "TCGA-ZZ-0001");
        Assert.Equal(SyntheticSeries.Info().SeriesInstanceUid, a.SeriesInstanceUid);
        Assert.Equal("MR", a.Modality);
        Assert.Equal("GE MEDICAL SYSTEMS", a.Manufacturer);
        Assert.Equal(1.5, a.MagneticFieldStrengthTesla);
        Assert.Equal("Ax Vibrant MultiPhase", a.SeriesDescription);
        Assert.Equal(5, a.SeriesNumber);
        Assert.Equal([1, 2, 3], a.TemporalPositions);
        Assert.Equal([0, 90000.5, 180001], a.TriggerTimes);
        Assert.Equal(SyntheticSeries.Rows, a.Rows);
        Assert.Equal(SyntheticSeries.Columns, a.Columns);
        Assert.Equal(new PixelSpacing(0.75, 0.625), a.PixelSpacing);
        Assert.Equal(3, a.SliceThickness);
        Assert.Equal(SyntheticSeries.Slices, a.SliceCount);
        Assert.Equal(pathsA.Count, a.InstanceCount);
        Assert.Equal(["1.2.840.10008.1.2.1"], a.TransferSyntaxUids);
        Assert.True(a.IsImageSeries);
        // Sorted by phase, then along the normal: the written order, and the duplicate left out.
        Assert.Equal(pathsA, a.FilePaths);

        var b = index.Series.Single(s => s.PatientId == "TCGA-ZZ-0002");
        Assert.Equal(7, b.SeriesNumber);
        Assert.Equal(pathsB, b.FilePaths);

        var sr = index.Series.Single(s => s.FilePaths.Contains(report));
        Assert.False(sr.IsImageSeries);
        Assert.Equal(DicomObjectKind.StructuredReport, sr.ObjectKind);
        Assert.Single(index.ImageSeries, s => s.PatientId == "" && s.FilePaths.SequenceEqual([noPatient]));

        // Problems: one each, with the file, the record and a fix.
        Assert.Collection(index.Problems.Where(p => p.Kind != DicomProblemKind.NotDicom),
            p =>
            {
                Assert.Equal(DicomProblemKind.Truncated, p.Kind);
                Assert.Equal(truncated, p.File);
                Assert.Equal(DicomProblemSeverity.Error, p.Severity);
                Assert.Contains("truncated", p.Reason);
            },
            p =>
            {
                Assert.Equal(DicomProblemKind.MissingPatientId, p.Kind);
                Assert.Equal(noPatient, p.File);
                Assert.StartsWith("series ", p.Record);
                Assert.Contains("(0010,0020)", p.Fix);
            },
            p =>
            {
                // pydicom's SR has no PatientID either: non-image series are reported too.
                Assert.Equal(DicomProblemKind.MissingPatientId, p.Kind);
                Assert.Equal(report, p.File);
            },
            p =>
            {
                Assert.Equal(DicomProblemKind.DuplicateSopInstanceUid, p.Kind);
                Assert.Equal(duplicate, p.File);
                Assert.Contains(pathsA[1], p.Reason);
                Assert.Equal(DicomProblemSeverity.Warning, p.Severity);
            });
        var notDicom = index.Problems.Where(p => p.Kind == DicomProblemKind.NotDicom).Select(p => p.File).ToList();
        Assert.Equal([temp.Combine("TCGA-BRCA", "LICENSE"), temp.Combine("metadata.csv")], notDicom);
        Assert.All(index.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Fix)));
        Assert.DoesNotContain(index.Problems, p => p.Kind == DicomProblemKind.InconsistentSeries);
    }

    [Fact]
    public void SameTree_SameIndex_WhateverTheParallelism()
    {
        using var temp = new TempDirectory();
        SyntheticSeries.Write(temp.Combine("a"));
        SyntheticSeries.Write(temp.Combine("b"), patientId: "TCGA-ZZ-0002", seriesKey: "b");
        File.Copy(temp.Combine("a", "2-003.dcm"), temp.Combine("b", "dup.dcm"));

        var serial = DicomSeriesIndex.Build(temp.Path, new DicomIndexOptions { MaxDegreeOfParallelism = 1 }, TestContext.Current.CancellationToken);
        var parallel = DicomSeriesIndex.Build(temp.Path, new DicomIndexOptions { MaxDegreeOfParallelism = 8 }, TestContext.Current.CancellationToken);

        Assert.Equal(serial.Instances, parallel.Instances);
        Assert.Equal(serial.Problems, parallel.Problems);
        Assert.Equal(serial.Series.Select(s => string.Join('|', s.FilePaths)), parallel.Series.Select(s => string.Join('|', s.FilePaths)));
    }

    [Fact]
    public void MixedMatrixInOneSeries_IsReportedAsInconsistent()
    {
        using var temp = new TempDirectory();
        var info = SyntheticSeries.Info();
        var writer = new MrSeriesWriter(SyntheticSeries.Uids);
        var small = SyntheticSeries.Geometry with { Slices = 1 };
        var large = small with { Rows = 16, Columns = 16, Origin = new Vector3D(0, 0, 50) };
        writer.Write(temp.Combine("x"), info, small, MrVolumeData.FromInt16(new short[small.Rows * small.Columns]), TestContext.Current.CancellationToken);
        // Same series UID, other SOP UIDs (another temporal position), other matrix.
        writer.Write(temp.Combine("y"), info, large, [new MrPhase { Pixels = MrVolumeData.FromInt16(new short[256]), TemporalPositionIdentifier = 2 }], TestContext.Current.CancellationToken);

        var index = DicomSeriesIndex.Build(temp.Path, cancellationToken: TestContext.Current.CancellationToken);

        var series = Assert.Single(index.Series);
        Assert.Null(series.Rows);
        Assert.Contains(index.Problems, p => p.Kind == DicomProblemKind.InconsistentSeries && p.Reason.Contains("Rows"));
    }

    [Fact]
    public void MissingFolder_SaysSo()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => DicomSeriesIndex.Build("/nonexistent/tcia", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("/nonexistent/tcia", error.Message);
    }
}
