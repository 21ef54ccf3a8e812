using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// The IBSI chain from an image and its mask to features: geometry check, optional resampling on IBSI's grid
/// (image interpolated, optionally rounded; mask interpolated and thresholded at the partial-volume fraction),
/// morphological mask = the mask, intensity mask = the mask after range then outlier re-segmentation,
/// discretisation, then the selected families.
/// </summary>
public static class RadiomicsExtractor
{
    public static readonly string[] AllFamilies =
    [
        MorphologyFeatures.Family, LocalIntensityFeatures.Family, IntensityStatisticsFeatures.Family, IntensityHistogramFeatures.Family,
        IntensityVolumeHistogramFeatures.Family, GlcmFeatures.Family, GlrlmFeatures.Family, GlszmFeatures.Family, GldzmFeatures.Family,
        NgtdmFeatures.Family, NgldmFeatures.Family,
    ];

    /// <summary>The region as a 0/1 mask: voxels equal to <paramref name="label"/>, or every voxel &gt; 0 when it is null. Throws <see cref="RoiProblemException"/> when none is.</summary>
    public static ImageVolume RegionMask(ImageVolume mask, int? label)
    {
        var binary = new float[mask.Voxels.Length];
        int count = 0;
        for (int v = 0; v < binary.Length; v++)
        {
            bool inRoi = label is int l ? Math.Round(mask.Voxels[v]) == l : mask.Voxels[v] > 0;
            binary[v] = inRoi ? 1 : 0;
            if (inRoi) count++;
        }
        if (count == 0)
        {
            var present = mask.Voxels.Where(x => x != 0).Select(x => Math.Round(x)).Distinct().Order().Take(20).ToList();
            throw label is int l
                ? new RoiProblemException(RoiProblem.MissingLabel, $"no voxel has label {l}; the mask holds {(present.Count == 0 ? "no label at all (it is empty)" : "labels " + string.Join(", ", present))}")
                : new RoiProblemException(RoiProblem.Empty, "the mask is empty (no voxel > 0)");
        }
        return mask.WithVoxels(binary);
    }

    /// <summary>Image and masks after resampling and re-segmentation. Throws <see cref="GeometryMismatchException"/> and <see cref="RoiProblemException"/>.</summary>
    /// <param name="label">The mask value of the region; null: every voxel &gt; 0.</param>
    public static RoiImage Prepare(ImageVolume image, ImageVolume mask, int? label, RadiomicsSettings settings)
    {
        GeometryMismatchException.ThrowIfDifferent(image, mask);
        var binary = RegionMask(mask, label);
        int count = binary.Voxels.Count(v => v > 0);

        var img = image;
        var roiMask = binary;
        if (settings.Spacing is { } s)
        {
            var grid = IbsiGrid.Resampled(image.Geometry, s.Column, s.Row, s.Slice);
            img = VolumeResampler.Resample(image, grid, settings.ImageInterpolation);
            roiMask = VolumeResampler.Resample(roiMask, grid, settings.MaskInterpolation);
            if (settings.RoundIntensities) for (int v = 0; v < img.Voxels.Length; v++) img.Voxels[v] = MathF.Round(img.Voxels[v]);
        }
        var g = img.Geometry;
        var roi = Crop(img, roiMask.Voxels.Select(x => x >= settings.PartialVolumeThreshold - 1e-6).ToArray());
        var morphological = roi.MorphologicalMask;
        if (settings.ResegmentationRange is { } range) roi = roi.WithIntensityMask(Resegmentation.Range(roi, range.Minimum, range.Maximum));
        if (settings.OutlierSigma is double k) roi = roi.WithIntensityMask(Resegmentation.Outliers(roi, k));

        int morphCount = morphological.Count(b => b), intensityCount = roi.IntensityMask.Count(b => b);
        if (morphCount == 0)
            throw new RoiProblemException(RoiProblem.Empty, $"the region ({count} voxels) vanished after resampling to {g.ColumnSpacing}×{g.RowSpacing}×{g.SliceSpacing} mm with partial-volume threshold {settings.PartialVolumeThreshold}");
        if (intensityCount == 0)
            throw new RoiProblemException(RoiProblem.Empty, $"re-segmentation removed all {morphCount} voxels of the region (range {settings.ResegmentationRange}, outliers ±{settings.OutlierSigma} SD)");
        if (morphCount == 1 || intensityCount == 1)
            throw new RoiProblemException(RoiProblem.SingleVoxel, "the region is a single voxel, which has no shape or texture");
        return roi;
    }

    /// <summary>
    /// The region's bounding box plus a margin of the local-intensity sphere's radius (those features see voxels
    /// around the ROI), so that no family walks the whole image.
    /// </summary>
    private static RoiImage Crop(ImageVolume image, bool[] mask)
    {
        var g = image.Geometry;
        int x0 = int.MaxValue, y0 = int.MaxValue, z0 = int.MaxValue, x1 = -1, y1 = -1, z1 = -1;
        for (int z = 0; z < g.Slices; z++)
        for (int y = 0; y < g.Rows; y++)
        for (int x = 0; x < g.Columns; x++)
        {
            if (!mask[g.Index(x, y, z)]) continue;
            x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); z0 = Math.Min(z0, z);
            x1 = Math.Max(x1, x); y1 = Math.Max(y1, y); z1 = Math.Max(z1, z);
        }
        if (x1 < 0) return new RoiImage(1, 1, 1, g.ColumnSpacing, g.RowSpacing, g.SliceSpacing, [0], [false]);
        double r = LocalIntensityFeatures.SphereRadiusMm;
        int mx = (int)Math.Ceiling(r / g.ColumnSpacing), my = (int)Math.Ceiling(r / g.RowSpacing), mz = (int)Math.Ceiling(r / g.SliceSpacing);
        x0 = Math.Max(0, x0 - mx); y0 = Math.Max(0, y0 - my); z0 = Math.Max(0, z0 - mz);
        x1 = Math.Min(g.Columns - 1, x1 + mx); y1 = Math.Min(g.Rows - 1, y1 + my); z1 = Math.Min(g.Slices - 1, z1 + mz);
        int nx = x1 - x0 + 1, ny = y1 - y0 + 1, nz = z1 - z0 + 1;
        var intensities = new double[nx * ny * nz];
        var cropped = new bool[intensities.Length];
        for (int z = 0; z < nz; z++)
        for (int y = 0; y < ny; y++)
        for (int x = 0; x < nx; x++)
        {
            int source = g.Index(x + x0, y + y0, z + z0), target = (z * ny + y) * nx + x;
            intensities[target] = image.Voxels[source];
            cropped[target] = mask[source];
        }
        return new RoiImage(nx, ny, nz, g.ColumnSpacing, g.RowSpacing, g.SliceSpacing, intensities, cropped, cropped);
    }

    public static IReadOnlyList<RadiomicsFeature> Extract(ImageVolume image, ImageVolume mask, int? label, RadiomicsSettings settings) =>
        Extract(Prepare(image, mask, label, settings), settings);

    public static IReadOnlyList<RadiomicsFeature> Extract(RoiImage roi, RadiomicsSettings settings)
    {
        bool Wanted(string family) => settings.Families is null || settings.Families.Contains(family);
        var aggregations = settings.TextureAggregations is null ? null : new HashSet<string>(settings.TextureAggregations);
        var features = new List<RadiomicsFeature>();
        if (Wanted(MorphologyFeatures.Family)) features.AddRange(MorphologyFeatures.Compute(roi));
        if (Wanted(LocalIntensityFeatures.Family)) features.AddRange(LocalIntensityFeatures.Compute(roi));
        if (Wanted(IntensityStatisticsFeatures.Family)) features.AddRange(IntensityStatisticsFeatures.Compute(roi));
        bool anyDiscretised = AllFamilies.Skip(3).Any(Wanted);
        if (!anyDiscretised) return features;

        var range = settings.ResegmentationRange;
        var levels = settings.Discretisation == DiscretisationMethod.FixedBinNumber
            ? Discretisation.FixedBinNumber(roi, settings.BinCount)
            : Discretisation.FixedBinSize(roi, settings.BinWidth, range?.Minimum, settings.BinEdges);
        if (Wanted(IntensityHistogramFeatures.Family)) features.AddRange(IntensityHistogramFeatures.Compute(levels));
        if (Wanted(IntensityVolumeHistogramFeatures.Family))
        {
            if (settings.Ivh == IvhIntensities.Discretised)
            {
                features.AddRange(IntensityVolumeHistogramFeatures.Compute(levels.RoiLevels().Select(l => (double)l).ToArray()));
            }
            else
            {
                var values = roi.RoiIntensities();
                double lower = range?.Minimum ?? values.Min(), step = settings.IvhStep;
                var onGrid = values.Select(x => lower + Math.Floor((x - lower) / step + 1e-9) * step).ToArray();
                features.AddRange(IntensityVolumeHistogramFeatures.Compute(onGrid, step, lower, range?.Maximum ?? onGrid.Max()));
            }
        }
        if (Wanted(GlcmFeatures.Family)) features.AddRange(GlcmFeatures.Compute(levels, aggregations));
        if (Wanted(GlrlmFeatures.Family)) features.AddRange(GlrlmFeatures.Compute(levels, aggregations));
        if (Wanted(GlszmFeatures.Family)) features.AddRange(GlszmFeatures.Compute(levels, aggregations));
        if (Wanted(GldzmFeatures.Family)) features.AddRange(GldzmFeatures.Compute(levels, aggregations));
        if (Wanted(NgtdmFeatures.Family)) features.AddRange(NgtdmFeatures.Compute(levels, aggregations));
        if (Wanted(NgldmFeatures.Family)) features.AddRange(NgldmFeatures.Compute(levels, settings.NgldmCoarseness, aggregations));
        return features;
    }
}
