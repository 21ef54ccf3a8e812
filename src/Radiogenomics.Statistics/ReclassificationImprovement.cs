namespace Radiogenomics.Statistics;

/// <summary>
/// Net reclassification improvement and integrated discrimination improvement of predicted probabilities
/// <c>p2</c> (new model) over <c>p1</c> (old), as <c>Hmisc::improveProb(x1, x2, y)</c>: the continuous (category-free) NRI
/// counts any rise for events and any fall for non-events, with the variance Σ(up + down)/n² − (up − down)²/n³ per class;
/// the IDI is the difference in mean change between events and non-events with var(d)/n per class (n − 1 variance).
/// <see cref="Categorical"/> is the NRI of risk categories at given cut-offs: improveProb of the category indices, which
/// moves a patient only when its risk group changes.
/// </summary>
public static class ReclassificationImprovement
{
    public static ReclassificationResult Continuous(ReadOnlySpan<double> p1, ReadOnlySpan<double> p2, ReadOnlySpan<double> labels, double level = 0.95)
    {
        if (p1.Length != p2.Length || p1.Length != labels.Length) throw new ArgumentException("p1, p2 and labels need the same length");
        var dEvents = new List<double>();
        var dNonEvents = new List<double>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (double.IsNaN(p1[i]) || double.IsNaN(p2[i]) || double.IsNaN(labels[i])) continue; // improveProb drops incomplete rows
            if (labels[i] == 1) dEvents.Add(p2[i] - p1[i]);
            else if (labels[i] == 0) dNonEvents.Add(p2[i] - p1[i]);
            else throw new ArgumentException("labels must be 0 or 1");
        }
        double na = dEvents.Count, nb = dNonEvents.Count;
        if (na == 0 || nb == 0) throw new ArgumentException("NRI and IDI need events and non-events");
        double upEv = dEvents.Count(d => d > 0), downEv = dEvents.Count(d => d < 0);
        double upNe = dNonEvents.Count(d => d > 0), downNe = dNonEvents.Count(d => d < 0);
        double nriEv = upEv / na - downEv / na;
        double vEv = (upEv + downEv) / (na * na) - (upEv - downEv) * (upEv - downEv) / (na * na * na);
        double nriNe = downNe / nb - upNe / nb;
        double vNe = (downNe + upNe) / (nb * nb) - (downNe - upNe) * (downNe - upNe) / (nb * nb * nb);
        double nri = upEv / na - downEv / na - (upNe / nb - downNe / nb);
        double idi = dEvents.Average() - dNonEvents.Average();
        double seIdi = Math.Sqrt(Variance(dEvents) / na + Variance(dNonEvents) / nb);
        return new ReclassificationResult(
            ImprovementIndex.Of(nri, Math.Sqrt(vEv + vNe), level), ImprovementIndex.Of(nriEv, Math.Sqrt(vEv), level),
            ImprovementIndex.Of(nriNe, Math.Sqrt(vNe), level), ImprovementIndex.Of(idi, seIdi, level),
            (int)na, (int)nb, upEv / na, downEv / na, upNe / nb, downNe / nb);
    }

    /// <summary>
    /// The categorical NRI at risk <paramref name="cutoffs"/> (a probability above a cut-off moves to the next group, as
    /// <c>findInterval(p, cuts, left.open = TRUE)</c>); its IDI is that of the group indices scaled to [0, 1] and is not a
    /// probability-scale IDI — use <see cref="Continuous"/> for that.
    /// </summary>
    public static ReclassificationResult Categorical(ReadOnlySpan<double> p1, ReadOnlySpan<double> p2, ReadOnlySpan<double> labels,
        IReadOnlyList<double> cutoffs, double level = 0.95)
    {
        if (cutoffs.Count == 0) throw new ArgumentException("the categorical NRI needs at least one risk cut-off");
        var sorted = cutoffs.Order().ToArray();
        double Group(double p) => double.IsNaN(p) ? double.NaN : (double)sorted.Count(c => p > c) / sorted.Length;
        var g1 = new double[p1.Length];
        var g2 = new double[p2.Length];
        for (int i = 0; i < g1.Length; i++) { g1[i] = Group(p1[i]); g2[i] = Group(p2[i]); }
        return Continuous(g1, g2, labels, level);
    }

    private static double Variance(List<double> d)
    {
        if (d.Count < 2) return double.NaN;
        double mean = d.Average(), s = 0;
        foreach (double v in d) s += (v - mean) * (v - mean);
        return s / (d.Count - 1);
    }
}
