using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// Voxel-based feature maps, PyRadiomics' voxel mode: for every ROI voxel, a feature of the kernel around it (the
/// (2r+1)³ cube clipped to the image, its ROI voxels only: maskedKernel), written at that voxel; voxels outside the
/// ROI hold initValue. As in PyRadiomics the grey levels come from one discretisation of the whole ROI, not one per
/// kernel. Features are named by PyRadiomics' class and name (<c>firstorder_Mean</c>, <c>glcm_Contrast</c>).
/// First-order moments, energy and the histogram's entropy and uniformity come from summed-volume tables of the power
/// sums and level counts (O(1) per voxel, whatever the kernel size); every other feature is computed on each
/// kernel's sub-ROI by its family.
/// </summary>
public static class VoxelFeatureMaps
{
    /// <summary>Features served by the summed-volume tables.</summary>
    public static readonly IReadOnlySet<string> Fast = new HashSet<string>
    {
        "firstorder_Mean", "firstorder_Variance", "firstorder_Skewness", "firstorder_Kurtosis", "firstorder_Energy",
        "firstorder_TotalEnergy", "firstorder_RootMeanSquared", "firstorder_Entropy", "firstorder_Uniformity",
    };

    /// <param name="image">The image on the feature grid (apply filters before).</param>
    /// <param name="region">The region as a 0/1 mask on the same grid.</param>
    /// <param name="features">PyRadiomics class_Feature names; any that <see cref="PyRadiomicsNames"/> produces.</param>
    /// <param name="useFastPath">false computes every feature on each kernel directly (the reference the fast path is tested against).</param>
    public static IReadOnlyDictionary<string, ImageVolume> Compute(ImageVolume image, ImageVolume region, RadiomicsSettings settings,
        PyRadiomicsVoxelSettings voxel, IReadOnlyList<string> features, double voxelArrayShift = 0, bool useFastPath = true)
    {
        GeometryMismatchException.ThrowIfDifferent(image, region);
        if (voxel.KernelRadius < 1) throw new ArgumentException($"kernelRadius must be ≥ 1, got {voxel.KernelRadius}");
        if (!voxel.MaskedKernel) throw new ArgumentException("maskedKernel: false (kernels that reach outside the ROI) is not supported; use maskedKernel: true");
        var known = PyRadiomicsNames.Keys().ToHashSet(StringComparer.Ordinal);
        var unknown = features.FirstOrDefault(f => !known.Contains(f));
        if (unknown is not null) throw new ArgumentException($"'{unknown}' is not a feature with a voxel map; use PyRadiomics' class_Feature names such as firstorder_Mean or glcm_Contrast");

        var roi = RoiImage.FromVolumes(image, region);
        if (!roi.IntensityMask.Any(b => b)) throw new RoiProblemException(RoiProblem.Empty, "the region is empty");
        var levels = settings.Discretisation == DiscretisationMethod.FixedBinNumber
            ? Discretisation.FixedBinNumber(roi, settings.BinCount)
            : Discretisation.FixedBinSize(roi, settings.BinWidth, settings.ResegmentationRange?.Minimum, settings.BinEdges);
        var maps = features.Distinct().ToDictionary(f => f, _ => Enumerable.Repeat((float)voxel.InitValue, roi.VoxelCount).ToArray(), StringComparer.Ordinal);

        var fast = useFastPath ? maps.Keys.Where(Fast.Contains).ToList() : [];
        if (fast.Count > 0) new SummedTables(roi, levels).Fill(voxel.KernelRadius, voxelArrayShift, fast, maps);
        var slow = maps.Keys.Except(fast).ToList();
        if (slow.Count > 0) Direct(roi, levels, settings, voxel.KernelRadius, voxelArrayShift, slow, maps);
        return maps.ToDictionary(kv => kv.Key, kv => image.WithVoxels(kv.Value, $"{kv.Key} map of {image.Source}"), StringComparer.Ordinal);
    }

    /// <summary>The kernel cube around (x, y, z) clipped to the grid.</summary>
    private static (int X0, int X1, int Y0, int Y1, int Z0, int Z1) Kernel(RoiImage roi, int x, int y, int z, int r) =>
        (Math.Max(0, x - r), Math.Min(roi.Columns - 1, x + r), Math.Max(0, y - r), Math.Min(roi.Rows - 1, y + r), Math.Max(0, z - r), Math.Min(roi.Slices - 1, z + r));

    /// <summary>Each feature on each kernel's sub-ROI, by the families, with the ROI's grey levels.</summary>
    private static void Direct(RoiImage roi, DiscretisedImage levels, RadiomicsSettings settings, int r, double shift, List<string> features, Dictionary<string, float[]> maps)
    {
        var families = features.SelectMany(f => PyRadiomicsParameters.ClassFamilies[f[..f.IndexOf('_')]]).ToHashSet();
        var aggregations = new HashSet<string> { "3D averaged", "3D" };
        var centres = Enumerable.Range(0, roi.VoxelCount).Where(v => roi.IntensityMask[v]).ToArray();
        Parallel.ForEach(centres, v =>
        {
            int x = v % roi.Columns, y = v / roi.Columns % roi.Rows, z = v / (roi.Columns * roi.Rows);
            var (sub, subLevels) = SubRoi(roi, levels, Kernel(roi, x, y, z, r));
            var computed = new List<RadiomicsFeature>();
            if (families.Contains(MorphologyFeatures.Family)) computed.AddRange(MorphologyFeatures.Compute(sub));
            if (families.Contains(IntensityStatisticsFeatures.Family)) computed.AddRange(IntensityStatisticsFeatures.Compute(sub));
            if (families.Contains(IntensityHistogramFeatures.Family)) computed.AddRange(IntensityHistogramFeatures.Compute(subLevels));
            if (families.Contains(GlcmFeatures.Family)) computed.AddRange(GlcmFeatures.Compute(subLevels, aggregations));
            if (families.Contains(GlrlmFeatures.Family)) computed.AddRange(GlrlmFeatures.Compute(subLevels, aggregations));
            if (families.Contains(GlszmFeatures.Family)) computed.AddRange(GlszmFeatures.Compute(subLevels, aggregations));
            if (families.Contains(NgtdmFeatures.Family)) computed.AddRange(NgtdmFeatures.Compute(subLevels, aggregations));
            if (families.Contains(NgldmFeatures.Family)) computed.AddRange(NgldmFeatures.Compute(subLevels, settings.NgldmCoarseness, aggregations));
            int n = sub.IntensityMask.Count(b => b);
            var values = PyRadiomicsNames.Convert(computed, roi.VoxelVolume, "k", shift, n).ToDictionary(kv => kv.Key[2..], kv => kv.Value, StringComparer.Ordinal);
            foreach (var f in features) maps[f][v] = values.TryGetValue(f, out var value) ? (float)value : float.NaN;
        });
    }

    /// <summary>The kernel's box as its own ROI (ROI voxels of the kernel), with the whole ROI's grey levels and Ng.</summary>
    internal static (RoiImage Roi, DiscretisedImage Levels) SubRoi(RoiImage roi, DiscretisedImage levels, (int X0, int X1, int Y0, int Y1, int Z0, int Z1) k)
    {
        int nx = k.X1 - k.X0 + 1, ny = k.Y1 - k.Y0 + 1, nz = k.Z1 - k.Z0 + 1;
        var intensities = new double[nx * ny * nz];
        var mask = new bool[intensities.Length];
        var subLevels = new int[intensities.Length];
        for (int z = 0; z < nz; z++)
        for (int y = 0; y < ny; y++)
        for (int x = 0; x < nx; x++)
        {
            int source = roi.Index(x + k.X0, y + k.Y0, z + k.Z0), target = (z * ny + y) * nx + x;
            intensities[target] = roi.Intensities[source];
            mask[target] = roi.IntensityMask[source];
            subLevels[target] = levels.Levels[source];
        }
        var sub = new RoiImage(nx, ny, nz, roi.ColumnSpacing, roi.RowSpacing, roi.SliceSpacing, intensities, mask);
        return (sub, new DiscretisedImage(sub, subLevels, levels.GreyLevels));
    }

    /// <summary>
    /// Summed-volume tables of N, Σd, Σd², Σd³, Σd⁴ (d = x − the ROI mean, so the moments do not cancel) and of each
    /// grey level's count over the ROI: any box's sums are 8 lookups.
    /// </summary>
    private sealed class SummedTables
    {
        private readonly RoiImage _roi;
        private readonly DiscretisedImage _levels;
        private readonly double _offset;
        private readonly int _sx, _sy;
        private readonly double[][] _power;
        private readonly int[][]? _counts;

        public SummedTables(RoiImage roi, DiscretisedImage levels)
        {
            _roi = roi;
            _levels = levels;
            _offset = roi.RoiIntensities().Average();
            _sx = roi.Columns + 1; _sy = roi.Rows + 1;
            int size = _sx * _sy * (roi.Slices + 1);
            _power = Enumerable.Range(0, 5).Select(_ => new double[size]).ToArray();
            _counts = Enumerable.Range(0, levels.GreyLevels + 1).Select(_ => new int[size]).ToArray();
            for (int z = 0; z < roi.Slices; z++)
            for (int y = 0; y < roi.Rows; y++)
            for (int x = 0; x < roi.Columns; x++)
            {
                int v = roi.Index(x, y, z), t = At(x + 1, y + 1, z + 1);
                double d = roi.IntensityMask[v] ? roi.Intensities[v] - _offset : 0, p = roi.IntensityMask[v] ? 1 : 0;
                for (int k = 0; k < 5; k++, p *= d) _power[k][t] = p + Inclusion(_power[k], x + 1, y + 1, z + 1);
                for (int l = 1; l <= levels.GreyLevels; l++)
                    _counts[l][t] = (levels.Levels[v] == l && roi.IntensityMask[v] ? 1 : 0) + Inclusion(_counts[l], x + 1, y + 1, z + 1);
            }
        }

        private int At(int x, int y, int z) => (z * _sy + y) * _sx + x;

        private double Inclusion(double[] t, int x, int y, int z) =>
            t[At(x - 1, y, z)] + t[At(x, y - 1, z)] + t[At(x, y, z - 1)] - t[At(x - 1, y - 1, z)] - t[At(x - 1, y, z - 1)] - t[At(x, y - 1, z - 1)] + t[At(x - 1, y - 1, z - 1)];

        private int Inclusion(int[] t, int x, int y, int z) =>
            t[At(x - 1, y, z)] + t[At(x, y - 1, z)] + t[At(x, y, z - 1)] - t[At(x - 1, y - 1, z)] - t[At(x - 1, y, z - 1)] - t[At(x, y - 1, z - 1)] + t[At(x - 1, y - 1, z - 1)];

        /// <summary>Sum over voxels [x0, x1] × [y0, y1] × [z0, z1] (inclusive).</summary>
        private double Box(double[] t, (int X0, int X1, int Y0, int Y1, int Z0, int Z1) k) =>
            t[At(k.X1 + 1, k.Y1 + 1, k.Z1 + 1)] - t[At(k.X0, k.Y1 + 1, k.Z1 + 1)] - t[At(k.X1 + 1, k.Y0, k.Z1 + 1)] - t[At(k.X1 + 1, k.Y1 + 1, k.Z0)]
            + t[At(k.X0, k.Y0, k.Z1 + 1)] + t[At(k.X0, k.Y1 + 1, k.Z0)] + t[At(k.X1 + 1, k.Y0, k.Z0)] - t[At(k.X0, k.Y0, k.Z0)];

        private int Box(int[] t, (int X0, int X1, int Y0, int Y1, int Z0, int Z1) k) =>
            t[At(k.X1 + 1, k.Y1 + 1, k.Z1 + 1)] - t[At(k.X0, k.Y1 + 1, k.Z1 + 1)] - t[At(k.X1 + 1, k.Y0, k.Z1 + 1)] - t[At(k.X1 + 1, k.Y1 + 1, k.Z0)]
            + t[At(k.X0, k.Y0, k.Z1 + 1)] + t[At(k.X0, k.Y1 + 1, k.Z0)] + t[At(k.X1 + 1, k.Y0, k.Z0)] - t[At(k.X0, k.Y0, k.Z0)];

        public void Fill(int r, double shift, List<string> features, Dictionary<string, float[]> maps)
        {
            var roi = _roi;
            for (int z = 0; z < roi.Slices; z++)
            for (int y = 0; y < roi.Rows; y++)
            for (int x = 0; x < roi.Columns; x++)
            {
                int v = roi.Index(x, y, z);
                if (!roi.IntensityMask[v]) continue;
                var k = Kernel(roi, x, y, z, r);
                double n = Math.Round(Box(_power[0], k));
                double s1 = Box(_power[1], k) / n, s2 = Box(_power[2], k) / n, s3 = Box(_power[3], k) / n, s4 = Box(_power[4], k) / n;
                // Central moments from the raw moments of d; the mean of x is offset + E[d].
                double m = s1, m2 = s2 - m * m;
                if (m2 <= 1e-12 * s2) m2 = 0; // a flat kernel: what is left is rounding
                double m3 = s3 - 3 * m * s2 + 2 * m * m * m, m4 = s4 - 4 * m * s3 + 6 * m * m * s2 - 3 * m * m * m * m;
                double mean = _offset + m, c = _offset + shift;
                // Σ(x + shift)² = Σ(d + c)² = n(E[d²] + 2c·E[d] + c²).
                double energy = n * (s2 + 2 * c * s1 + c * c);
                foreach (var f in features)
                {
                    double value = f switch
                    {
                        "firstorder_Mean" => mean,
                        "firstorder_Variance" => m2,
                        "firstorder_Skewness" => m2 > 0 ? m3 / Math.Pow(m2, 1.5) : 0,
                        "firstorder_Kurtosis" => m2 > 0 ? m4 / (m2 * m2) : 0,
                        "firstorder_Energy" => energy,
                        "firstorder_TotalEnergy" => energy * roi.VoxelVolume,
                        "firstorder_RootMeanSquared" => Math.Sqrt(energy / n),
                        "firstorder_Entropy" or "firstorder_Uniformity" => Histogram(k, n, f == "firstorder_Entropy"),
                        _ => throw new InvalidOperationException(f),
                    };
                    maps[f][v] = (float)value;
                }
            }
        }

        private double Histogram((int X0, int X1, int Y0, int Y1, int Z0, int Z1) k, double n, bool entropy)
        {
            double sum = 0;
            for (int l = 1; l < _counts!.Length; l++)
            {
                double p = Box(_counts[l], k) / n;
                if (p > 0) sum += entropy ? -p * Math.Log2(p) : p * p;
            }
            return sum;
        }
    }
}
