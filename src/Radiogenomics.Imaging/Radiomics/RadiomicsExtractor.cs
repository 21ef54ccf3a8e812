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
        var (img, inRoi, count) = Resample(image, mask, label, settings);
        var box = CropBox.Around(img.Geometry, inRoi);
        return Resegment(box.Crop(img, inRoi), img.Geometry, count, settings);
    }

    /// <summary>The image on the feature grid (resampled when <see cref="RadiomicsSettings.Spacing"/> is set) and its region after the partial-volume threshold.</summary>
    private static (ImageVolume Image, bool[] InRoi, int Count) Resample(ImageVolume image, ImageVolume mask, int? label, RadiomicsSettings settings)
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
        return (img, roiMask.Voxels.Select(x => x >= settings.PartialVolumeThreshold - 1e-6).ToArray(), count);
    }

    private static RoiImage Resegment(RoiImage roi, VolumeGeometry g, int count, RadiomicsSettings settings)
    {
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
    /// Features of every derived image of <paramref name="imageTypes"/> (PyRadiomics' image types), in order. The
    /// filters run on the image on the feature grid (after resampling, before cropping), and every derived image
    /// uses the original's masks (re-segmentation is decided on the original intensities, as PyRadiomics does).
    /// Derived images get no morphology (shape belongs to the mask) and no re-segmentation bound as their
    /// discretisation's lower edge (the range is in the original's units).
    /// </summary>
    /// <param name="maxAbs">max |I| of the whole image, for the voxel-wise types when <paramref name="image"/> is a crop of it (see <see cref="Filters.IntensityTransforms"/>).</param>
    public static IReadOnlyList<FilteredFeatures> Extract(ImageVolume image, ImageVolume mask, int? label, RadiomicsSettings settings,
        IReadOnlyList<RadiomicsImageType> imageTypes, double? maxAbs = null)
    {
        var (img, inRoi, count) = Resample(image, mask, label, settings);
        var box = CropBox.Around(img.Geometry, inRoi);
        var roi = Resegment(box.Crop(img, inRoi), img.Geometry, count, settings);
        int roiVoxels = roi.IntensityMask.Count(b => b);
        var result = new List<FilteredFeatures>();
        foreach (var type in imageTypes)
        {
            var typeSettings = type.Settings ?? settings;
            foreach (var (name, filtered) in type.Apply(img, settings.Spacing is null ? maxAbs : null))
            {
                if (type.Kind == ImageTypeKind.Original)
                {
                    result.Add(new FilteredFeatures(name, Extract(roi, typeSettings), roi.VoxelVolume, roiVoxels));
                    continue;
                }
                var derived = new RoiImage(roi.Columns, roi.Rows, roi.Slices, roi.ColumnSpacing, roi.RowSpacing, roi.SliceSpacing,
                    box.Crop(filtered, inRoi).Intensities, roi.IntensityMask, roi.MorphologicalMask);
                var families = (typeSettings.Families ?? (IEnumerable<string>)AllFamilies).Where(f => f != MorphologyFeatures.Family).ToHashSet();
                result.Add(new FilteredFeatures(name, Extract(derived, typeSettings with { Families = families, ResegmentationRange = null }), roi.VoxelVolume, roiVoxels));
            }
        }
        return result;
    }

    public static IReadOnlyList<RadiomicsFeature> Extract(ImageVolume image, ImageVolume mask, int? label, RadiomicsSettings settings) =>
        Extract(Prepare(image, mask, label, settings), settings);

    public static IReadOnlyList<RadiomicsFeature> Extract(RoiImage roi, RadiomicsSettings settings)
    {
        bool Wanted(string family) => settings.Families is null || settings.Families.Contains(family);
        var aggregations = settings.TextureAggregations is null ? null : new HashSet<string>(settings.TextureAggregations);
        var features = new List<RadiomicsFeature>();
        if (Wanted(MorphologyFeatures.Family)) features.AddRange(MorphologyFeatures.Compute(roi, settings.MorphologyAutocorrelation));
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
