namespace Radiogenomics.Statistics;

/// <summary>A 2×2 table of predicted against true class, and the usual rates (NaN where a denominator is 0).</summary>
public sealed record ConfusionCounts(int TruePositive, int FalsePositive, int TrueNegative, int FalseNegative)
{
    public static ConfusionCounts Of(IReadOnlyList<bool> predicted, IReadOnlyList<double> labels)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < labels.Count; i++)
        {
            bool positive = labels[i] == 1;
            if (predicted[i]) { if (positive) tp++; else fp++; }
            else { if (positive) fn++; else tn++; }
        }
        return new ConfusionCounts(tp, fp, tn, fn);
    }

    public double Accuracy => Ratio(TruePositive + TrueNegative, TruePositive + FalsePositive + TrueNegative + FalseNegative);
    public double Sensitivity => Ratio(TruePositive, TruePositive + FalseNegative);
    public double Specificity => Ratio(TrueNegative, TrueNegative + FalsePositive);
    public double Ppv => Ratio(TruePositive, TruePositive + FalsePositive);
    public double Npv => Ratio(TrueNegative, TrueNegative + FalseNegative);

    private static double Ratio(int a, int b) => b == 0 ? double.NaN : (double)a / b;
}
