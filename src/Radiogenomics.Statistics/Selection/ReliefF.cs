namespace Radiogenomics.Statistics;

/// <summary>
/// Kononenko's ReliefF weights of numeric features for a 0/1 label (CORElearn's <c>ReliefFequalK</c> with every case as a
/// reference): for each case R, its k nearest hits H (same class) and k nearest misses M by Manhattan distance over
/// range-scaled features, W[A] −= Σ diff(A, R, H)/(n·k) and += Σ diff(A, R, M)/(n·k), diff(A, a, b) = |a − b| / (max A − min A)
/// over the training cases (0 for a constant feature). With two classes the miss term's prior factor P(C)/(1 − P(class R))
/// is 1. A class with fewer than k other members contributes all of them (divided by their number); equal distances are
/// ordered by case index.
/// </summary>
public static class ReliefF
{
    public static double[] Weights(IReadOnlyList<double[]> columns, IReadOnlyList<double> labels, int neighbours = 10)
    {
        int p = columns.Count, n = labels.Count;
        if (neighbours < 1) throw new ArgumentException("ReliefF needs at least 1 neighbour");
        var scaled = new double[p][];
        for (int j = 0; j < p; j++)
        {
            var x = columns[j];
            if (x.Length != n) throw new ArgumentException($"feature {j + 1} has {x.Length} values for {n} labels");
            double lo = x.Min(), hi = x.Max(), range = hi - lo;
            scaled[j] = range > 0 && double.IsFinite(range) ? x.Select(v => v / range).ToArray() : new double[n];
        }
        // Manhattan distances between cases, summed in feature order.
        var distance = new double[n][];
        Parallel.For(0, n, a =>
        {
            var d = new double[n];
            for (int j = 0; j < p; j++)
            {
                var z = scaled[j];
                double za = z[a];
                for (int b = 0; b < n; b++) d[b] += Math.Abs(za - z[b]);
            }
            distance[a] = d;
        });
        var contributions = new double[n][];
        Parallel.For(0, n, r =>
        {
            var w = new double[p];
            var d = distance[r];
            var hits = Enumerable.Range(0, n).Where(i => i != r && labels[i] == labels[r]).OrderBy(i => d[i]).ThenBy(i => i).Take(neighbours).ToArray();
            var misses = Enumerable.Range(0, n).Where(i => labels[i] != labels[r]).OrderBy(i => d[i]).ThenBy(i => i).Take(neighbours).ToArray();
            foreach (var (set, sign) in new[] { (hits, -1.0), (misses, 1.0) })
            {
                if (set.Length == 0) continue;
                double f = sign / ((double)n * set.Length);
                for (int j = 0; j < p; j++)
                {
                    var z = scaled[j];
                    double s = 0;
                    foreach (int i in set) s += Math.Abs(z[r] - z[i]);
                    w[j] += s * f;
                }
            }
            contributions[r] = w;
        });
        var weights = new double[p];
        for (int r = 0; r < n; r++) for (int j = 0; j < p; j++) weights[j] += contributions[r][j];
        return weights;
    }
}
