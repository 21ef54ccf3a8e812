namespace Radiogenomics.Statistics;

/// <summary>
/// Uno's IPCW concordance of a risk score (higher = shorter survival) up to τ, as survival's
/// <c>concordance(..., reverse = TRUE, timewt = "n/G2", ymax = τ)</c>: Harrell's comparable pairs, each weighted by
/// 1/G(Tᵢ−)² of its event time (G the reverse Kaplan–Meier of the censoring, events leaving first), events after τ left out.
/// </summary>
public static class UnoConcordance
{
    public static double Compute(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<double> score, double tau = double.PositiveInfinity)
    {
        int n = time.Length;
        if (status.Length != n || score.Length != n) throw new ArgumentException("time, status and score differ in length.");
        var censoring = new CensoringDistribution(time, status);
        double numerator = 0, denominator = 0;
        for (int i = 0; i < n; i++)
        {
            if (status[i] != 1 || time[i] > tau) continue;
            double g = censoring.Before(time[i]);
            double w = 1 / (g * g);
            for (int j = 0; j < n; j++)
            {
                // comparable: j lives longer, or is censored at i's event time
                if (!(time[j] > time[i] || (time[j] == time[i] && status[j] == 0))) continue;
                denominator += w;
                if (score[i] > score[j]) numerator += w;
                else if (score[i] == score[j]) numerator += 0.5 * w;
            }
        }
        return numerator / denominator;
    }
}
