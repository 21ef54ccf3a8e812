namespace Radiogenomics.Statistics;

/// <summary>
/// Decision-curve analysis (Vickers &amp; Elkin 2006): the net benefit of treating patients whose predicted probability is
/// at least the threshold probability p_t, TP/n − FP/n · p_t/(1 − p_t), beside treating everyone.
/// </summary>
public static class DecisionCurve
{
    public static double NetBenefit(ReadOnlySpan<double> labels, ReadOnlySpan<double> probabilities, double threshold)
    {
        if (!(threshold > 0 && threshold < 1)) throw new ArgumentException($"threshold probabilities lie in (0, 1), was {threshold}");
        int n = labels.Length, tp = 0, fp = 0;
        for (int i = 0; i < n; i++)
        {
            if (probabilities[i] < threshold) continue;
            if (labels[i] == 1) tp++; else fp++;
        }
        return (double)tp / n - (double)fp / n * threshold / (1 - threshold);
    }

    /// <summary>Net benefit of treating every patient: prevalence − (1 − prevalence) · p_t/(1 − p_t).</summary>
    public static double TreatAll(ReadOnlySpan<double> labels, double threshold)
    {
        double prevalence = 0;
        foreach (double y in labels) prevalence += y;
        prevalence /= labels.Length;
        return prevalence - (1 - prevalence) * threshold / (1 - threshold);
    }
}
