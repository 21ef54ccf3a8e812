namespace Radiogenomics.Synthetic.Tests;

public class ImagingTests
{
    public static TheoryData<int> Patients => new(0, 1, 2, 3);

    [Theory]
    [MemberData(nameof(Patients))]
    public void GeometryIsSagittalAndMatchesTheRecord(int index)
    {
        var im = TestCohorts.Imaging[index];
        var g = im.Geometry;
        var p = im.Patient;
        Assert.Equal((new Vector3D(0, 1, 0), new Vector3D(0, 0, -1)), (g.RowDirection, g.ColumnDirection));
        Assert.Equal(new Vector3D(-1, 0, 0), g.SliceDirection);
        Assert.Equal((256, 256, p.Slices), (g.Columns, g.Rows, g.Slices));
        Assert.Equal((p.PixelSpacingMm, p.PixelSpacingMm), (g.RowSpacing, g.ColumnSpacing));
        Assert.Equal(p.SliceThicknessMm, g.SliceSpacing);
        Assert.InRange(p.PixelSpacingMm, 0.62, 0.79);
        Assert.InRange(p.SliceThicknessMm, 2.0, 3.0);
        Assert.InRange(p.Slices, 30, 60);
        // Slices step along −X; the imaged breast is on the patient's side (+X = left).
        var last = g.ImagePositionPatient(g.Slices - 1);
        Assert.Equal(g.Origin.X - (g.Slices - 1) * g.SliceSpacing, last.X, 9);
        double centreX = (g.Origin.X + last.X) / 2;
        Assert.Equal(p.Laterality == Laterality.Left, centreX > 0);
        Assert.Equal(p.PostContrastPhases + 1, im.Phases.Count);
        Assert.Equal(0, im.Phases[0].TriggerTimeSeconds);
        Assert.All(im.Phases.Zip(im.Phases.Skip(1)), pair => Assert.True(pair.Second.TriggerTimeSeconds > pair.First.TriggerTimeSeconds));
    }

    [Theory]
    [MemberData(nameof(Patients))]
    public void IntensitiesAreWhole12BitValues(int index)
    {
        foreach (var phase in TestCohorts.Imaging[index].Phases)
            Assert.All(phase.Image.Voxels, v => Assert.True(v >= 0 && v <= 4095 && v == MathF.Round(v)));
    }

    [Theory]
    [MemberData(nameof(Patients))]
    public void AirIsRayleighNoise(int index)
    {
        // Zero signal plus complex Gaussian noise has a Rayleigh magnitude: mean σ√(π/2), variance (2 − π/2)σ².
        var im = TestCohorts.Imaging[index];
        double sigma = BreastAnatomy.Create(TestCohorts.Small.Spec, im.Patient).NoiseSigma;
        var labels = im.TissueLabels.Voxels;
        var pre = im.Phases[0].Image.Voxels;
        var air = new List<double>();
        int nx = im.Geometry.Columns;
        for (int v = 0; v < labels.Length; v++)
            if (v % nx < 8 && labels[v] == (byte)TissueLabel.Air) air.Add(pre[v]); // the first columns: air in front of the breast
        Assert.True(air.Count > 10_000);
        double mean = air.Average(), variance = air.Average(x => x * x) - mean * mean;
        Assert.InRange(mean / (sigma * Math.Sqrt(Math.PI / 2)), 0.95, 1.05);
        Assert.InRange(variance / ((2 - Math.PI / 2) * sigma * sigma + 1.0 / 12), 0.9, 1.1);
    }

    [Theory]
    [MemberData(nameof(Patients))]
    public void TumourLiesInsideTheBreast(int index)
    {
        var im = TestCohorts.Imaging[index];
        var g = im.Geometry;
        var mask = im.TumourMask.Voxels;
        var labels = im.TissueLabels.Voxels;
        Assert.True(im.TumourVoxelCount > 50);
        Assert.Equal(im.TumourVoxelCount, mask.Count(m => m != 0));
        int[] neighbours = [1, -1, g.Columns, -g.Columns, g.SliceSize, -g.SliceSize];
        for (int v = 0; v < mask.Length; v++)
        {
            if (mask[v] == 0) continue;
            Assert.Equal((byte)TissueLabel.Tumour, labels[v]);
            foreach (int d in neighbours)
            {
                int u = v + d;
                if (u < 0 || u >= mask.Length) continue;
                Assert.DoesNotContain(labels[u], new byte[] { (byte)TissueLabel.Air, (byte)TissueLabel.Lung, (byte)TissueLabel.Bone });
            }
        }
        // The mask has about the planted size (it can only shrink, by clipping at skin or chest wall).
        Assert.InRange(im.TumourEquivalentDiameterMm / im.Patient.Tumour.DiameterMm, 0.6, 1.15);
        // Its centre of mass is in the mask's slice range and anterior to the chest wall (inside the FOV).
        int k = im.TumourCentreSlice;
        Assert.Contains(im.TumourMask.Slice(k).ToArray(), m => m != 0);
    }

    [Theory]
    [MemberData(nameof(Patients))]
    public void MaskAgreesWithEnhancement(int index)
    {
        var im = TestCohorts.Imaging[index];
        var pre = im.Phases[0].Image.Voxels;
        var post = im.Phases[1].Image.Voxels;
        var mask = im.TumourMask.Voxels;
        var labels = im.TissueLabels.Voxels;
        double inside = 0, outside = 0;
        int nIn = 0, nOut = 0, enhancing = 0;
        for (int v = 0; v < mask.Length; v++)
        {
            double d = post[v] - pre[v];
            if (mask[v] != 0) { inside += d; nIn++; if (d > 0) enhancing++; }
            else if (labels[v] is (byte)TissueLabel.Fat or (byte)TissueLabel.Fibroglandular) { outside += d; nOut++; }
        }
        inside /= nIn; outside /= nOut;
        Assert.True(inside > 4 * Math.Max(outside, 1), $"tumour enhancement {inside:0} vs breast {outside:0}");
        Assert.True(enhancing > 0.85 * nIn);
    }

    [Theory]
    [MemberData(nameof(Patients))]
    public void TumourKineticsFollowTheCurveType(int index)
    {
        var im = TestCohorts.Imaging[index];
        var mask = im.TumourMask.Voxels;
        double Mean(DcePhase ph) { double s = 0; int n = 0; for (int v = 0; v < mask.Length; v++) if (mask[v] != 0) { s += ph.Image.Voxels[v]; n++; } return s / n; }
        double early = Mean(im.Phases[1]), late = Mean(im.Phases[^1]);
        double change = (late - early) / early;
        switch (im.Patient.Tumour.CurveType)
        {
            case KineticCurveType.Persistent: Assert.True(change > 0.03, $"persistent but change {change:0.00}"); break;
            case KineticCurveType.Washout: Assert.True(change < -0.03, $"wash-out but change {change:0.00}"); break;
            default: Assert.InRange(change, -0.15, 0.15); break;
        }
        Assert.True(early > 1.3 * Mean(im.Phases[0]));
    }

    [Fact]
    public void TissueLabelsDescribeASagittalBreast()
    {
        foreach (var im in TestCohorts.Imaging)
        {
            var labels = im.TissueLabels.Voxels;
            var counts = new int[9];
            foreach (var l in labels) counts[l]++;
            double n = labels.Length;
            Assert.InRange(counts[(int)TissueLabel.Air] / n, 0.05, 0.6);
            Assert.InRange((counts[(int)TissueLabel.Fat] + counts[(int)TissueLabel.Fibroglandular]) / n, 0.1, 0.7);
            Assert.True(counts[(int)TissueLabel.Muscle] > 0 && counts[(int)TissueLabel.Skin] > 0 && counts[(int)TissueLabel.Vessel] >= 0);
            // Anterior (low column index) is air, posterior (high column index) is chest: lung or muscle.
            var g = im.Geometry;
            int mid = g.SliceSize * (g.Slices / 2) + g.Columns * (g.Rows / 2);
            Assert.Equal((byte)TissueLabel.Air, labels[mid]);
            Assert.Contains(labels[mid + g.Columns - 1], new byte[] { (byte)TissueLabel.Lung, (byte)TissueLabel.Muscle, (byte)TissueLabel.Bone });
        }
    }

    [Fact]
    public void FibroglandularShareIncreasesWithDensity()
    {
        var byDensity = TestCohorts.Small.Patients.Take(12)
            .Select(p => (p.Density, Share: FgtShare(SyntheticCohort.GenerateImaging(TestCohorts.Small.Spec, p))))
            .GroupBy(x => x.Density).OrderBy(g => g.Key).Select(g => g.Average(x => x.Share)).ToArray();
        Assert.True(byDensity.Length >= 2);
        for (int i = 1; i < byDensity.Length; i++) Assert.True(byDensity[i] > byDensity[i - 1]);

        static double FgtShare(PatientImaging im)
        {
            var l = im.TissueLabels.Voxels;
            double fgt = l.Count(x => x == (byte)TissueLabel.Fibroglandular), fat = l.Count(x => x == (byte)TissueLabel.Fat);
            return fgt / (fgt + fat);
        }
    }
}
