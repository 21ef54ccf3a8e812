namespace Radiogenomics.Imaging.Radiomics;

/// <summary>The first-order statistics shared by IBSI's intensity statistics and intensity histogram families.</summary>
internal sealed class Descriptive
{
    public Descriptive(double[] values)
    {
        if (values.Length == 0) throw new ArgumentException("no voxels in the intensity mask");
        Sorted = (double[])values.Clone();
        Array.Sort(Sorted);
        int n = values.Length;
        Mean = values.Average();
        double m2 = 0, m3 = 0, m4 = 0, energy = 0, mad = 0;
        foreach (var x in values)
        {
            double d = x - Mean;
            m2 += d * d; m3 += d * d * d; m4 += d * d * d * d;
            energy += x * x;
            mad += Math.Abs(d);
        }
        m2 /= n; m3 /= n; m4 /= n;
        Variance = m2;
        Skewness = m2 == 0 ? 0 : m3 / Math.Pow(m2, 1.5);
        ExcessKurtosis = m2 == 0 ? 0 : m4 / (m2 * m2) - 3;
        Energy = energy;
        RootMeanSquare = Math.Sqrt(energy / n);
        MeanAbsoluteDeviation = mad / n;
        Median = Percentile(50);
        P10 = Percentile(10);
        P90 = Percentile(90);
        double p25 = Percentile(25), p75 = Percentile(75);
        InterquartileRange = p75 - p25;
        QuartileCoefficientOfDispersion = p75 + p25 == 0 ? double.NaN : (p75 - p25) / (p75 + p25);
        MedianAbsoluteDeviation = values.Average(x => Math.Abs(x - Median));
        var robust = values.Where(x => x >= P10 && x <= P90).ToArray();
        double robustMean = robust.Average();
        RobustMeanAbsoluteDeviation = robust.Average(x => Math.Abs(x - robustMean));
        CoefficientOfVariation = Math.Sqrt(Variance) / Mean;
    }

    public double[] Sorted { get; }
    public double Mean { get; }
    public double Variance { get; }
    public double Skewness { get; }
    public double ExcessKurtosis { get; }
    public double Median { get; }
    public double Minimum => Sorted[0];
    public double Maximum => Sorted[^1];
    public double P10 { get; }
    public double P90 { get; }
    public double InterquartileRange { get; }
    public double Range => Maximum - Minimum;
    public double MeanAbsoluteDeviation { get; }
    public double RobustMeanAbsoluteDeviation { get; }
    public double MedianAbsoluteDeviation { get; }
    public double CoefficientOfVariation { get; }
    public double QuartileCoefficientOfDispersion { get; }
    public double Energy { get; }
    public double RootMeanSquare { get; }

    /// <summary>Percentile with linear interpolation between order statistics (R type 7, numpy's default).</summary>
    public double Percentile(double percent)
    {
        double h = (Sorted.Length - 1) * percent / 100;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, Sorted.Length - 1);
        return Sorted[lo] + (h - lo) * (Sorted[hi] - Sorted[lo]);
    }
}
