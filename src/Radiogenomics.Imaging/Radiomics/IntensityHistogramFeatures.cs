namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// IBSI intensity-histogram features (chapter 3.4) of the discretised grey levels 1 … Ng of the intensity mask.
/// The histogram runs over all Ng bins, empty ones included (they matter to the gradients).
/// </summary>
public static class IntensityHistogramFeatures
{
    public const string Family = "intensity histogram";

    public static IReadOnlyList<RadiomicsFeature> Compute(DiscretisedImage image)
    {
        var levels = image.RoiLevels();
        var d = new Descriptive(levels.Select(l => (double)l).ToArray());
        int ng = image.GreyLevels;
        var counts = new double[ng + 1];
        foreach (var l in levels) counts[l]++;
        double n = levels.Length, entropy = 0, uniformity = 0;
        for (int i = 1; i <= ng; i++)
        {
            double p = counts[i] / n;
            if (p > 0) entropy -= p * Math.Log2(p);
            uniformity += p * p;
        }
        // Mode: the most frequent level; of tied levels the one closest to the mean.
        int mode = 1;
        for (int i = 1; i <= ng; i++)
            if (counts[i] > counts[mode] || (counts[i] == counts[mode] && Math.Abs(i - d.Mean) < Math.Abs(mode - d.Mean))) mode = i;
        // Histogram gradient: central differences inside, one-sided at the two ends.
        var gradient = new double[ng + 1];
        for (int i = 1; i <= ng; i++)
            gradient[i] = ng == 1 ? 0 : i == 1 ? counts[2] - counts[1] : i == ng ? counts[ng] - counts[ng - 1] : (counts[i + 1] - counts[i - 1]) / 2;
        int maxAt = 1, minAt = 1;
        for (int i = 1; i <= ng; i++)
        {
            if (gradient[i] > gradient[maxAt]) maxAt = i;
            if (gradient[i] < gradient[minAt]) minAt = i;
        }
        (string, double)[] values =
        [
            ("Mean discretised intensity", d.Mean),
            ("Discretised intensity variance", d.Variance),
            ("Discretised intensity skewness", d.Skewness),
            ("(Excess) discretised intensity kurtosis", d.ExcessKurtosis),
            ("Median discretised intensity", d.Median),
            ("Minimum discretised intensity", d.Minimum),
            ("10th discretised intensity percentile", d.P10),
            ("90th discretised intensity percentile", d.P90),
            ("Maximum discretised intensity", d.Maximum),
            ("Intensity histogram mode", mode),
            ("Discretised intensity interquartile range", d.InterquartileRange),
            ("Discretised intensity range", d.Range),
            ("Intensity histogram mean absolute deviation", d.MeanAbsoluteDeviation),
            ("Intensity histogram robust mean absolute deviation", d.RobustMeanAbsoluteDeviation),
            ("Intensity histogram median absolute deviation", d.MedianAbsoluteDeviation),
            ("Intensity histogram coefficient of variation", d.CoefficientOfVariation),
            ("Intensity histogram quartile coefficient of dispersion", d.QuartileCoefficientOfDispersion),
            ("Discretised intensity entropy", entropy),
            ("Discretised intensity uniformity", uniformity),
            ("Maximum histogram gradient", gradient[maxAt]),
            ("Maximum histogram gradient intensity", maxAt),
            ("Minimum histogram gradient", gradient[minAt]),
            ("Minimum histogram gradient intensity", minAt),
        ];
        return values.Select(v => new RadiomicsFeature(Family, v.Item1, "3D", v.Item2)).ToList();
    }
}
