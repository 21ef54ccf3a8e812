using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Imaging.Tests.Support;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Preprocessing;

public class PhaseSplitterTests
{
    public enum Timing
    {
        Trigger,
        Acquisition,
        None,
    }

    [Theory]
    [InlineData(Timing.Trigger, PhaseCriterion.TriggerTime)]
    [InlineData(Timing.Acquisition, PhaseCriterion.AcquisitionTime)]
    [InlineData(Timing.None, PhaseCriterion.RepeatedPosition)]
    public void WithoutTemporalPosition_FallsBackInOrder(Timing timing, PhaseCriterion expected)
    {
        using var temp = new TempDirectory();
        var info = SyntheticSeries.Info();
        var files = new List<string>();
        // Written in reverse time order so that a time-based split must reorder the phases.
        foreach (var p in new[] { 2, 0, 1 })
        {
            files.AddRange(PreprocessingFixtures.WriteSinglePhase(temp.Combine($"p{p}"), info, SyntheticSeries.Geometry, p,
                timing == Timing.Trigger ? 60_000.0 * p : null,
                timing == Timing.Acquisition ? new TimeSpan(0, 10, p, 0) : null));
        }
        var headers = files.Select(DicomFile.ReadHeader).Reverse().ToList();

        var phases = PhaseSplitter.Split(headers);

        Assert.Equal(3, phases.Count);
        Assert.All(phases, p => Assert.Equal(expected, p.Criterion));
        Assert.All(phases, p => Assert.Equal(SyntheticSeries.Slices, p.Files.Count));
        if (timing != Timing.None)
        {
            for (var p = 0; p < 3; p++)
            {
                Assert.Equal(SyntheticSeries.Value(p, 0, 0, 0), VolumeAssembler.Assemble(phases[p])[0, 0, 0]);
            }
        }
        else
        {
            // Instance numbers repeat per phase; the path breaks ties: folder p0, p1, p2.
            Assert.Equal(SyntheticSeries.Value(0, 0, 0, 0), VolumeAssembler.Assemble(phases[0])[0, 0, 0]);
        }
    }

    [Fact]
    public void EmptyInput_NoPhases() => Assert.Empty(PhaseSplitter.Split(Array.Empty<DicomHeader>()));
}
