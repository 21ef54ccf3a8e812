namespace Radiogenomics.Imaging.Radiomics;

/// <summary>IBSI intensity-based statistical features (chapter 3.3) of the intensity-mask voxels, before discretisation.</summary>
public static class IntensityStatisticsFeatures
{
    public const string Family = "intensity-based statistics";

    public static IReadOnlyList<RadiomicsFeature> Compute(RoiImage roi)
    {
        var d = new Descriptive(roi.RoiIntensities());
        (string, double)[] values =
        [
            ("Mean intensity", d.Mean),
            ("Intensity variance", d.Variance),
            ("Intensity skewness", d.Skewness),
            ("(Excess) intensity kurtosis", d.ExcessKurtosis),
            ("Median intensity", d.Median),
            ("Minimum intensity", d.Minimum),
            ("10th intensity percentile", d.P10),
            ("90th intensity percentile", d.P90),
            ("Maximum intensity", d.Maximum),
            ("Intensity interquartile range", d.InterquartileRange),
            ("Intensity range", d.Range),
            ("Intensity-based mean absolute deviation", d.MeanAbsoluteDeviation),
            ("Intensity-based robust mean absolute deviation", d.RobustMeanAbsoluteDeviation),
            ("Intensity-based median absolute deviation", d.MedianAbsoluteDeviation),
            ("Intensity-based coefficient of variation", d.CoefficientOfVariation),
            ("Intensity-based quartile coefficient of dispersion", d.QuartileCoefficientOfDispersion),
            ("Intensity-based energy", d.Energy),
            ("Root mean square intensity", d.RootMeanSquare),
        ];
        return values.Select(v => new RadiomicsFeature(Family, v.Item1, "3D", v.Item2)).ToList();
    }
}
