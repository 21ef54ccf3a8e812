namespace Radiogenomics.Imaging.Radiomics;

/// <summary>IBSI intensity discretisation (manual 2.7) of the intensity-mask voxels into grey levels 1 … Ng.</summary>
public static class Discretisation
{
    /// <summary>Fixed bin number: level = ⌊N (x − min)/(max − min)⌋ + 1, the maximum in bin N; a flat ROI is all level 1.</summary>
    public static DiscretisedImage FixedBinNumber(RoiImage roi, int bins)
    {
        if (bins < 1) throw new ArgumentException($"the bin number must be at least 1 ({bins} given)");
        var values = roi.RoiIntensities();
        if (values.Length == 0) throw new ArgumentException("the intensity mask is empty");
        double min = values.Min(), max = values.Max();
        var levels = new int[roi.VoxelCount];
        for (int v = 0; v < levels.Length; v++)
        {
            if (!roi.IntensityMask[v]) continue;
            levels[v] = max > min ? Math.Min(bins, (int)Math.Floor(bins * (roi.Intensities[v] - min) / (max - min)) + 1) : 1;
        }
        return new DiscretisedImage(roi, levels, bins);
    }

    /// <summary>Fixed bin size <paramref name="width"/>; Ng is the highest level in the ROI.</summary>
    /// <param name="lowerBound">IBSI's X_min: the lower re-segmentation bound when there is one; null: the ROI minimum.</param>
    public static DiscretisedImage FixedBinSize(RoiImage roi, double width, double? lowerBound = null, BinEdgeRule rule = BinEdgeRule.Ibsi)
    {
        if (!(width > 0)) throw new ArgumentException($"the bin width must be positive ({width} given)");
        var values = roi.RoiIntensities();
        if (values.Length == 0) throw new ArgumentException("the intensity mask is empty");
        double min = lowerBound ?? values.Min();
        var levels = new int[roi.VoxelCount];
        int ng = 1;
        for (int v = 0; v < levels.Length; v++)
        {
            if (!roi.IntensityMask[v]) continue;
            double x = roi.Intensities[v];
            // A small relative slack keeps values that sit on an edge but carry rounding error in the upper bin.
            int level = rule == BinEdgeRule.Ibsi
                ? (int)Math.Floor((x - min) / width + 1e-9) + 1
                : (int)(Math.Floor(x / width + 1e-9) - Math.Floor(min / width + 1e-9)) + 1;
            levels[v] = Math.Max(1, level);
            ng = Math.Max(ng, levels[v]);
        }
        return new DiscretisedImage(roi, levels, ng);
    }
}
