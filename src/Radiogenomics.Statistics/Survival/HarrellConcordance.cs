namespace Radiogenomics.Statistics;

/// <summary>
/// Harrell's C of a risk score (higher score = shorter survival) within strata, with the infinitesimal-jackknife
/// standard error of survival 3.x's <c>concordancefit</c> (case weights 1, <c>timewt = "n"</c>). A pair is comparable
/// when the shorter time is an event; a censored time tied with an event time counts as the longer one; two events at
/// the same time are tied on y. Events after τ (<c>ymax</c>) are left out.
/// O(n log n) as survival's concordance.c: the scores are ranked once, and two sweeps over each stratum's time blocks
/// count, per subject, the comparable partners with a lower, equal and higher score in a Fenwick tree of ranks — from the
/// end for each event against the longer times, from the start for each subject against the earlier events.
/// </summary>
public static class HarrellConcordance
{
    public static ConcordanceResult Compute(SurvivalSample sample, ReadOnlySpan<double> score, double tau = double.PositiveInfinity)
    {
        if (score.Length != sample.Count) throw new ArgumentException("score and sample differ in length.", nameof(score));
        int n = sample.Count;
        var rank = DenseRanks(score, out int ranks);
        var order = sample.Order;
        var time = sample.SortedTime;
        var status = sample.SortedStatus;
        var stratum = sample.SortedStratum;
        // influence per subject: concordant, discordant, tied on x, as counted from either end of each pair
        var concordantOf = new double[n];
        var discordantOf = new double[n];
        var tiedOf = new double[n];
        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0, tiedXY = 0;
        var tree = new RankCounts(ranks);
        var blockRanks = new List<int>();
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end < n && stratum[end] == stratum[start]) end++;

            // sweep 1, from the end: each event (deaths come first in a time block) against the longer times and the
            // censorings at its own time, which are in the tree when it is counted; events at its own time are tied on y
            for (int e = end; e > start;)
            {
                int b = e - 1;
                while (b > start && time[b - 1] == time[e - 1]) b--;
                int censored = b;
                while (censored < e && status[censored] != 0) censored++;
                for (int k = censored; k < e; k++) tree.Add(rank[order[k]]);
                if (time[b] <= tau)
                {
                    blockRanks.Clear();
                    for (int k = b; k < censored; k++)
                    {
                        int i = order[k], r = rank[i];
                        int below = tree.AtMost(r - 1), atMost = tree.AtMost(r);
                        concordant += below; discordant += tree.Total - atMost; tiedX += atMost - below;
                        concordantOf[i] += below; discordantOf[i] += tree.Total - atMost; tiedOf[i] += atMost - below;
                        blockRanks.Add(r);
                    }
                    long deaths = blockRanks.Count, equal = TiedPairs(blockRanks);
                    tiedXY += equal;
                    tiedY += deaths * (deaths - 1) / 2 - equal;
                }
                for (int k = b; k < censored; k++) tree.Add(rank[order[k]]);
                e = b;
            }
            for (int k = start; k < end; k++) tree.Add(rank[order[k]], -1);

            // sweep 2, from the start: each subject against the earlier events (≤ τ), a censoring also against the events
            // at its own time; the pair's totals were counted in sweep 1, this adds the later subject's share of the influence
            for (int b = start; b < end;)
            {
                int e = b + 1;
                while (e < end && time[e] == time[b]) e++;
                int censored = b;
                while (censored < e && status[censored] != 0) censored++;
                for (int k = b; k < censored; k++) Later(order[k]);
                if (time[b] <= tau)
                    for (int k = b; k < censored; k++) tree.Add(rank[order[k]]);
                for (int k = censored; k < e; k++) Later(order[k]);
                b = e;
            }
            for (int k = start; k < end; k++)
                if (status[k] != 0 && time[k] <= tau) tree.Add(rank[order[k]], -1);
            start = end;
        }

        void Later(int j)
        {
            int r = rank[j];
            int below = tree.AtMost(r - 1), atMost = tree.AtMost(r);
            concordantOf[j] += tree.Total - atMost; discordantOf[j] += below; tiedOf[j] += atMost - below;
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

    /// <summary>1-based dense ranks of the scores (equal scores share a rank); <paramref name="ranks"/> is the largest.</summary>
    private static int[] DenseRanks(ReadOnlySpan<double> score, out int ranks)
    {
        int n = score.Length;
        var keys = score.ToArray();
        var index = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(keys[i])) throw new ArgumentException($"score[{i}] is NaN; concordance needs a score for every subject.", nameof(score));
            index[i] = i;
        }
        Array.Sort(keys, index);
        var rank = new int[n];
        ranks = 0;
        for (int k = 0; k < n; k++)
        {
            if (k == 0 || keys[k] != keys[k - 1]) ranks++;
            rank[index[k]] = ranks;
        }
        return rank;
    }

    /// <summary>Pairs with equal values among <paramref name="values"/> (sorted in place).</summary>
    private static long TiedPairs(List<int> values)
    {
        if (values.Count < 2) return 0;
        values.Sort();
        long pairs = 0, run = 1;
        for (int k = 1; k < values.Count; k++)
        {
            if (values[k] == values[k - 1]) run++;
            else { pairs += run * (run - 1) / 2; run = 1; }
        }
        return pairs + run * (run - 1) / 2;
    }
}
