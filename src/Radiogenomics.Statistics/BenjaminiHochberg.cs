using System.Buffers;

namespace Radiogenomics.Statistics;

/// <summary>
/// Benjamini–Hochberg false discovery rate adjustment, reproducing R's <c>p.adjust(p, method = "BH")</c> bit for bit:
/// NaN (R's NA) entries stay NaN and are not counted in n; the adjusted value of the i-th largest of the lp non-missing
/// p-values is min(1, cummin over larger-or-equal p of (n/i)·p), with (n/i) formed first as R does.
/// </summary>
public static class BenjaminiHochberg
{
    /// <summary>Adjusts <paramref name="p"/> into <paramref name="adjusted"/> (same length; may be the same memory).</summary>
    /// <param name="p">p-values; NaN marks a missing value (failed fit).</param>
    /// <param name="adjusted">Receives the adjusted values.</param>
    /// <param name="n">Number of tests; defaults to the number of non-NaN p-values (R's default). Must be ≥ that number.</param>
    public static void Adjust(ReadOnlySpan<double> p, Span<double> adjusted, int? n = null)
    {
        if (adjusted.Length != p.Length) throw new ArgumentException("adjusted must have the same length as p.", nameof(adjusted));
        int lp = 0;
        foreach (double v in p) if (!double.IsNaN(v)) lp++;
        int tests = n ?? lp;
        if (tests < lp) throw new ArgumentOutOfRangeException(nameof(n), "n must be at least the number of non-missing p-values.");
        if (tests <= 1)
        {
            // R returns the input unchanged when n <= 1 (not even capped at 1).
            if (!p.Overlaps(adjusted)) p.CopyTo(adjusted);
            return;
        }

        double[] keys = ArrayPool<double>.Shared.Rent(lp);
        int[] index = ArrayPool<int>.Shared.Rent(lp);
        try
        {
            int k = 0;
            for (int i = 0; i < p.Length; i++)
            {
                if (double.IsNaN(p[i])) continue;
                keys[k] = p[i];
                index[k] = i;
                k++;
            }
            // Ascending sort, walked from the top. Ties may come in any order: within a tie group the running minimum
            // is set by the first one visited and (n/i) only grows afterwards, so all members get the same value.
            keys.AsSpan(0, lp).Sort(index.AsSpan(0, lp));
            for (int i = 0; i < p.Length; i++) if (double.IsNaN(p[i])) adjusted[i] = double.NaN;
            double running = double.PositiveInfinity;
            for (int j = lp - 1; j >= 0; j--)
            {
                int rank = j + 1;
                double v = (double)tests / rank * keys[j];
                if (v < running) running = v;
                adjusted[index[j]] = Math.Min(1.0, running);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(keys);
            ArrayPool<int>.Shared.Return(index);
        }
    }

    /// <summary>Returns a new array of BH-adjusted p-values (see <see cref="Adjust(ReadOnlySpan{double}, Span{double}, int?)"/>).</summary>
    public static double[] Adjust(ReadOnlySpan<double> p, int? n = null)
    {
        var result = new double[p.Length];
        Adjust(p, result, n);
        return result;
    }
}
