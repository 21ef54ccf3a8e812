namespace Radiogenomics.Statistics;

/// <summary>
/// Harrell's C of a risk score (higher score = shorter survival) within strata, with the infinitesimal-jackknife
/// standard error of survival 3.x's <c>concordancefit</c> (case weights 1, <c>timewt = "n"</c>). A pair is comparable
/// when the shorter time is an event; a censored time tied with an event time counts as the longer one; two events at
/// the same time are tied on y. Events after τ (<c>ymax</c>) are left out. O(n²) per stratum.
/// </summary>
public static class HarrellConcordance
{
    public static ConcordanceResult Compute(SurvivalSample sample, ReadOnlySpan<double> score, double tau = double.PositiveInfinity)
    {
        if (score.Length != sample.Count) throw new ArgumentException("score and sample differ in length.", nameof(score));
        int n = sample.Count;
        var order = sample.Order;
        var time = sample.Time;
        var status = sample.Status;
        // influence per subject: concordant, discordant, tied on x, as counted from either end of each pair
        var concordantOf = new double[n];
        var discordantOf = new double[n];
        var tiedOf = new double[n];
        double concordant = 0, discordant = 0, tiedX = 0, tiedY = 0, tiedXY = 0;
        int start = 0;
        while (start < n)
        {
            int stratum = sample.StratumOf(order[start]);
            int end = start;
            while (end < n && sample.StratumOf(order[end]) == stratum) end++;
            // order is by time ascending with events first at a tie: for an event at position a, every later position
            // b has a longer time, or the same time (an event: tied on y; a censoring: comparable, event shorter).
            for (int a = start; a < end; a++)
            {
                int i = order[a];
                if (status[i] == 0 || time[i] > tau) continue;
                double xi = score[i];
                for (int b = a + 1; b < end; b++)
                {
                    int j = order[b];
                    double xj = score[j];
                    if (time[j] == time[i] && status[j] == 1)
                    {
                        if (xi == xj) tiedXY++; else tiedY++;
                        continue;
                    }
                    if (xi > xj) { concordant++; concordantOf[i]++; concordantOf[j]++; }
                    else if (xi < xj) { discordant++; discordantOf[i]++; discordantOf[j]++; }
                    else { tiedX++; tiedOf[i]++; tiedOf[j]++; }
                }
            }
            start = end;
        }
        double pairs = concordant + discordant + tiedX;
        double somers = (concordant - discordant) / pairs;
        double variance = 0;
        for (int i = 0; i < n; i++)
        {
            double dfbeta = (concordantOf[i] - discordantOf[i]) / pairs - somers / pairs * (concordantOf[i] + discordantOf[i] + tiedOf[i]);
            variance += dfbeta * dfbeta;
        }
        return new ConcordanceResult(concordant, discordant, tiedX, tiedY, tiedXY, (somers + 1) / 2, Math.Sqrt(variance / 4));
    }
}
