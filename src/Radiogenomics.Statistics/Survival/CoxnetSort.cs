namespace Radiogenomics.Statistics;

/// <summary>
/// The permutation that sorts times increasingly, by Singleton's modified Hoare quicksort (CACM algorithm 347, as glmnet's
/// Cox routine sorts with it): median-of-three partitions, insertion sort for segments of at most 11 elements. Not stable;
/// glmnet's risk sets depend on where it puts a censoring tied with an event (the 100·ε nudge that should order them
/// vanishes for times above ~1), so the order of equal keys is reproduced exactly, not just some sorted order.
/// </summary>
internal static class CoxnetSort
{
    /// <summary>0-based indices of <paramref name="v"/> in increasing order of value.</summary>
    public static int[] Permutation(double[] v)
    {
        int n = v.Length;
        // 1-based work arrays, as the algorithm's index arithmetic (segment midpoints, the insertion sentinel) is stated.
        var a = new int[n + 1];
        for (int k = 1; k <= n; k++) a[k] = k;
        double V(int index) => v[index - 1];
        var il = new int[64];
        var iu = new int[64];
        int m = 1, i = 1, j = n, ii = 1;
        int t, tt = 0, l, ij, kk;
        double vt;
    Segment:
        if (i >= j) goto Pop;
    Partition:
        kk = i;
        ij = (j + i) / 2;
        t = a[ij];
        vt = V(t);
        if (V(a[i]) > vt) { a[ij] = a[i]; a[i] = t; t = a[ij]; vt = V(t); }
        l = j;
        if (V(a[j]) < vt)
        {
            a[ij] = a[j]; a[j] = t; t = a[ij]; vt = V(t);
            if (V(a[i]) > vt) { a[ij] = a[i]; a[i] = t; t = a[ij]; vt = V(t); }
        }
        goto ScanDown;
    Swap:
        a[l] = a[kk];
        a[kk] = tt;
    ScanDown:
        l--;
        if (V(a[l]) > vt) goto ScanDown;
        tt = a[l];
        do kk++; while (V(a[kk]) < vt);
        if (kk <= l) goto Swap;
        // push the longer part, go on with the shorter
        if (l - i > j - kk) { il[m] = i; iu[m] = l; i = kk; }
        else { il[m] = kk; iu[m] = j; j = l; }
        m++;
        goto Choose;
    Pop:
        m--;
        if (m == 0) goto Done;
        i = il[m];
        j = iu[m];
    Choose:
        if (j - i > 10) goto Partition;
        if (i == ii) goto Segment;
        // straight insertion, a[i − 1] (left of the segment, not larger) serving as the sentinel
        i--;
    Insert:
        i++;
        if (i == j) goto Pop;
        t = a[i + 1];
        vt = V(t);
        if (V(a[i]) <= vt) goto Insert;
        kk = i;
        do { a[kk + 1] = a[kk]; kk--; } while (vt < V(a[kk]));
        a[kk + 1] = t;
        goto Insert;
    Done:
        var order = new int[n];
        for (int k = 0; k < n; k++) order[k] = a[k + 1] - 1;
        return order;
    }
}
