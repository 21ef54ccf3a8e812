using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests;

public class MrSeriesWriterTests
{
    /// <summary>make_golden.sh sets this to collect the file behind golden/synthetic_mr.dcmdump.txt.</summary>
    private const string GoldenOutVariable = "RADIOGENOMICS_IMAGING_GOLDEN_OUT";

    [Fact]
    public void RoundTrip_SyntheticSeries_ReadsBackExactly()
    {
        using var temp = new TempDirectory();
        var info = SyntheticSeries.Info();
        var geometry = SyntheticSeries.Geometry;
        var phases = SyntheticSeries.PhaseList();

        var paths = SyntheticSeries.Write(temp.Path);

        Assert.Equal(SyntheticSeries.Phases * SyntheticSeries.Slices, paths.Count);
        Assert.Equal(temp.Combine("1-001.dcm"), paths[0]);
        Assert.Equal(temp.Combine("3-004.dcm"), paths[^1]);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.partial"));
        var sopInstanceUids = new HashSet<string>();
        for (var p = 0; p < SyntheticSeries.Phases; p++)
        {
            for (var k = 0; k < SyntheticSeries.Slices; k++)
            {
                var pixels = DicomFile.ReadPixels(paths[p * SyntheticSeries.Slices + k]);
                var h = pixels.Header;

                Assert.Equal("1.2.840.10008.1.2.1", h.TransferSyntaxUid);
                Assert.Equal("1.2.840.10008.5.1.4.1.1.4", h.SopClassUid);
                Assert.Equal(info.PatientId, h.PatientId);
                Assert.Equal(info.PatientName, h.PatientName);
                Assert.Equal(info.StudyInstanceUid, h.StudyInstanceUid);
                Assert.Equal(info.SeriesInstanceUid, h.SeriesInstanceUid);
                Assert.Equal(SyntheticSeries.Uids.Create($"sop/{info.SeriesInstanceUid}/{p + 1}/{k + 1}"), h.SopInstanceUid);
                Assert.True(sopInstanceUids.Add(h.SopInstanceUid));
                Assert.Equal(SyntheticSeries.Uids.Create($"for/{info.StudyInstanceUid}"), h.FrameOfReferenceUid);
                Assert.Equal("20030415", h.StudyDate);
                Assert.Equal("MR", h.Modality);
                Assert.Equal(info.Manufacturer, h.Manufacturer);
                Assert.Equal(info.ManufacturerModelName, h.ManufacturerModelName);
                Assert.Equal(1.5, h.MagneticFieldStrength);
                Assert.Equal("BREAST", h.BodyPartExamined);
                Assert.Equal(info.SeriesDescription, h.SeriesDescription);
                Assert.Equal(5, h.SeriesNumber);
                Assert.Equal(p * SyntheticSeries.Slices + k + 1, h.InstanceNumber);
                Assert.Equal(p + 1, h.TemporalPositionIdentifier);
                Assert.Equal(phases[p].TriggerTime, h.TriggerTime);
                Assert.Equal(phases[p].AcquisitionTime, h.AcquisitionTime);
                Assert.Equal(2.1, h.EchoTime);
                Assert.Equal(5.3, h.RepetitionTime);
                Assert.Equal(10, h.FlipAngle);
                Assert.Equal(geometry.ImagePositionPatient(k), h.ImagePositionPatient);
                Assert.Equal(new ImageOrientation(geometry.RowDirection, geometry.ColumnDirection), h.ImageOrientationPatient);
                Assert.Equal(new PixelSpacing(geometry.RowSpacing, geometry.ColumnSpacing), h.PixelSpacing);
                Assert.Equal(3, h.SliceThickness);
                Assert.Equal(SyntheticSeries.Rows, h.Rows);
                Assert.Equal(SyntheticSeries.Columns, h.Columns);
                Assert.Equal(16, h.BitsAllocated);
                Assert.Equal(16, h.BitsStored);
                Assert.Equal(1, h.PixelRepresentation);
                Assert.Null(h.RescaleSlope); // integer input: no rescale written
                Assert.Equal(DicomObjectKind.Image, h.ObjectKind);

                var expected = SyntheticSeries.Voxels(p).AsSpan(k * SyntheticSeries.Rows * SyntheticSeries.Columns, SyntheticSeries.Rows * SyntheticSeries.Columns);
                Assert.Equal(expected.ToArray().Select(v => (int)v), pixels.StoredValues);
                Assert.Equal(SyntheticSeries.Value(p, k, 3, 7), pixels.StoredValues[3 * SyntheticSeries.Columns + 7]);
            }
        }

        if (Environment.GetEnvironmentVariable(GoldenOutVariable) is { Length: > 0 } goldenOut)
        {
            File.Copy(paths[0], Path.Combine(goldenOut, "synthetic_mr.dcm"), overwrite: true);
        }
    }

    [Fact]
    public void WrittenFile_ReadsInDcmtk_OrMatchesTheGoldenDump()
    {
        using var temp = new TempDirectory();
        var paths = SyntheticSeries.Write(temp.Path);
        var golden = GoldenFiles.ReadDump("synthetic_mr.dcmdump.txt");

        if (Dcmdump.IsAvailable)
        {
            // An independent implementation reads every file without a warning, and the first one as in the golden.
            foreach (var path in paths)
            {
                var (exitCode, _, errors) = Dcmdump.Run(path);
                Assert.True(exitCode == 0 && errors.Length == 0, $"dcmdump {path}: exit {exitCode}: {errors}");
            }
            var (_, output, _) = Dcmdump.Run(paths[0]);
            // The GDCM version shows in these three (see make_golden.sh).
            var live = GoldenFiles.ParseDump(output.Split('\n'))
                .Where(e => e.Tag is not ((0x0002, 0x0000) or (0x0002, 0x0012) or (0x0002, 0x0013))).ToList();
            Assert.Equal(golden, live);
        }
        else
        {
            // No DCMTK here: check what GDCM reads back against the dump DCMTK made when the golden was generated.
            var comparable = golden.Where(e => e.IsComparableText).ToList();
            Assert.True(comparable.Count > 50, $"only {comparable.Count} comparable elements in the golden");
            var texts = DicomFile.ReadTagText(paths[0], comparable.Select(e => e.Tag));
            Assert.All(comparable, e => Assert.True(e.Value == texts[e.Tag], $"({e.Group:X4},{e.Element:X4}): golden '{e.Value}', read '{texts[e.Tag]}'"));
        }

        // Either way the golden holds the attributes an MR Image Storage file must have.
        Assert.Equal("1.2.840.10008.1.2.1", golden.Find(0x0002, 0x0010).Value);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.4", golden.Find(0x0002, 0x0002).Value);
        Assert.Equal(golden.Find(0x0008, 0x0018).Value, golden.Find(0x0002, 0x0003).Value);
        Assert.Equal("MONOCHROME2", golden.Find(0x0028, 0x0004).Value);
        Assert.Equal("GR", golden.Find(0x0018, 0x0020).Value);
    }

    [Fact]
    public void SameSeedSameInput_WritesIdenticalBytes()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();

        var a = SyntheticSeries.Write(first.Path);
        var b = SyntheticSeries.Write(second.Path);

        Assert.Equal(a.Select(Path.GetFileName), b.Select(Path.GetFileName));
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(File.ReadAllBytes(a[i]), File.ReadAllBytes(b[i]));
        }
    }

    [Fact]
    public void FloatVoxels_AreQuantisedWithTheChosenSlopeAndIntercept()
    {
        using var temp = new TempDirectory();
        var geometry = SyntheticSeries.Geometry with { Slices = 2 };
        var count = geometry.Slices * geometry.Rows * geometry.Columns;
        var voxels = Enumerable.Range(0, count).Select(i => -100f + 0.5f * i + 0.1f).ToArray(); // 0.1 is quantised away

        var paths = new MrSeriesWriter(SyntheticSeries.Uids, maxDegreeOfParallelism: 1)
            .Write(temp.Path, SyntheticSeries.Info(), geometry, MrVolumeData.FromFloat(voxels, rescaleSlope: 0.5, rescaleIntercept: -100), TestContext.Current.CancellationToken);

        Assert.Equal(2, paths.Count);
        var pixels = DicomFile.ReadPixels(paths[1]);
        Assert.Equal(0.5, pixels.Header.RescaleSlope);
        Assert.Equal(-100, pixels.Header.RescaleIntercept);
        Assert.Equal(0, pixels.Header.PixelRepresentation);
        Assert.Null(pixels.Header.TemporalPositionIdentifier); // a single phase writes none
        var offset = geometry.Rows * geometry.Columns;
        for (var i = 0; i < offset; i++)
        {
            Assert.Equal(offset + i, pixels.StoredValues[i]);
            Assert.Equal(-100f + 0.5f * (offset + i), pixels.RescaledValues[i]);
        }
    }

    [Fact]
    public void UnsignedVoxels_UseTheFullRange()
    {
        using var temp = new TempDirectory();
        var geometry = SyntheticSeries.Geometry with { Slices = 1 };
        var voxels = new ushort[geometry.Rows * geometry.Columns];
        voxels[0] = ushort.MaxValue;
        voxels[1] = 40000;

        var paths = new MrSeriesWriter(SyntheticSeries.Uids).Write(temp.Path, SyntheticSeries.Info(), geometry, MrVolumeData.FromUInt16(voxels), TestContext.Current.CancellationToken);

        var pixels = DicomFile.ReadPixels(paths[0]);
        Assert.Equal(0, pixels.Header.PixelRepresentation);
        Assert.Equal(65535, pixels.StoredValues[0]);
        Assert.Equal(40000, pixels.StoredValues[1]);
    }

    [Fact]
    public void OnePhasePerSeries_KeepsTheGivenTemporalPosition()
    {
        using var temp = new TempDirectory();
        var phase = SyntheticSeries.PhaseList()[2] with { TemporalPositionIdentifier = 3 };

        var paths = new MrSeriesWriter(SyntheticSeries.Uids).Write(temp.Path,
            SyntheticSeries.Info(seriesKey: "ph3") with { NumberOfTemporalPositions = 3 }, SyntheticSeries.Geometry, [phase], TestContext.Current.CancellationToken);

        Assert.Equal(3, DicomFile.ReadHeader(paths[0]).TemporalPositionIdentifier);
        Assert.Equal("3", DicomFile.ReadTagText(paths[0], [(0x0020, 0x0105)])[(0x0020, 0x0105)]);
    }

    [Fact]
    public void NonAsciiNames_AreWrittenAsUtf8()
    {
        using var temp = new TempDirectory();
        var info = SyntheticSeries.Info() with { PatientName = "Müller^Zoë", SeriesDescription = "Ax Vibrant Ø" };

        var paths = new MrSeriesWriter(SyntheticSeries.Uids).Write(temp.Path, info, SyntheticSeries.Geometry with { Slices = 1 },
            MrVolumeData.FromInt16(new short[SyntheticSeries.Rows * SyntheticSeries.Columns]), TestContext.Current.CancellationToken);

        var texts = DicomFile.ReadTagText(paths[0], [(0x0008, 0x0005)]);
        Assert.Equal("ISO_IR 192", texts[(0x0008, 0x0005)]);
        Assert.Equal("Müller^Zoë", DicomFile.ReadHeader(paths[0]).PatientName);
    }

    [Fact]
    public void InconsistentInput_IsRefusedBeforeWriting()
    {
        using var temp = new TempDirectory();
        var writer = new MrSeriesWriter(SyntheticSeries.Uids);
        var info = SyntheticSeries.Info();
        var geometry = SyntheticSeries.Geometry;
        var good = MrVolumeData.FromInt16(SyntheticSeries.Voxels(0));

        var wrongCount = Assert.Throws<ArgumentException>(() => writer.Write(temp.Path, info, geometry, MrVolumeData.FromInt16(new short[7]), TestContext.Current.CancellationToken));
        Assert.Contains("480", wrongCount.Message);
        var badUid = Assert.Throws<ArgumentException>(() => writer.Write(temp.Path, info with { SeriesInstanceUid = "1.2.03" }, geometry, good, TestContext.Current.CancellationToken));
        Assert.Contains("Series Instance UID", badUid.Message);
        var skewed = Assert.Throws<ArgumentException>(() => writer.Write(temp.Path, info,
            geometry with { RowDirection = new Vector3D(1, 0, 0), ColumnDirection = new Vector3D(1, 1, 0) }, good, TestContext.Current.CancellationToken));
        Assert.Contains("direction cosines", skewed.Message);
        Assert.Throws<ArgumentException>(() => writer.Write(temp.Path, info with { PatientId = "" }, geometry, good, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => writer.Write(temp.Path, info with { SeriesDescription = new string('x', 65) }, geometry, good, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(temp.Path));

        var tooBig = MrVolumeData.FromFloat(Enumerable.Repeat(1e9f, good.Length).ToArray(), 1, 0);
        var range = Assert.ThrowsAny<ArgumentException>(() => writer.Write(temp.Path, info, geometry, tooBig, TestContext.Current.CancellationToken));
        Assert.Contains("larger slope", range.Message);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.partial"));
    }
}
