namespace Radiogenomics.Statistics;

/// <summary>
/// Right-censored survival data for the survival routines: per subject a follow-up time, an event flag (1 = event,
/// 0 = censored) and an optional stratum code. Checked once here so that every routine can trust it.
/// </summary>
public sealed class SurvivalSample
{
    public SurvivalSample(double[] time, int[] status, int[]? strata = null)
    {
        if (status.Length != time.Length) throw new ArgumentException("time and status differ in length.", nameof(status));
        if (strata is not null && strata.Length != time.Length) throw new ArgumentException("time and strata differ in length.", nameof(strata));
        for (int i = 0; i < time.Length; i++)
        {
            if (!double.IsFinite(time[i]) || time[i] < 0) throw new ArgumentException($"time[{i}] = {time[i]} is not a finite non-negative number.", nameof(time));
            if (status[i] is not (0 or 1)) throw new ArgumentException($"status[{i}] = {status[i]} is not 0 or 1.", nameof(status));
        }
        Time = time;
        Status = status;
        Strata = strata;
        int n = time.Length;
        Order = SortOrder(time, status, strata);
        SortedTime = new double[n];
        SortedStatus = new int[n];
        SortedStratum = new int[n];
        int events = 0;
        for (int k = 0; k < n; k++)
        {
            int i = Order[k];
            SortedTime[k] = time[i];
            SortedStatus[k] = status[i];
            SortedStratum[k] = strata?[i] ?? 0;
            events += status[i];
        }
        EventCount = events;
    }

    public double[] Time { get; }
    public int[] Status { get; }

    /// <summary>Stratum code per subject, or null for one stratum.</summary>
    public int[]? Strata { get; }

    public int Count => Time.Length;
    public int EventCount { get; }

    /// <summary>Subject indices sorted by stratum, then time ascending, deaths before censorings at the same time.</summary>
    internal int[] Order { get; }

    internal int StratumOf(int subject) => Strata?[subject] ?? 0;

    /// <summary>Time, status and stratum in <see cref="Order"/>, for the inner loops.</summary>
    internal double[] SortedTime { get; }

    internal int[] SortedStatus { get; }
    internal int[] SortedStratum { get; }

    /// <summary>
    /// The sort order: stratum, then time ascending, deaths before censorings at the same time, then input position (a
    /// total order, so the permutation does not depend on the sort algorithm). The times are sorted by a stable LSD radix
    /// sort on their bits (for non-negative doubles the bit patterns order as the values; bytes that every time shares are
    /// skipped, so whole days cost two or three passes), which keeps tied times in input order; a stable partition puts
    /// each tied run's deaths first; strata are a stable counting sort on top.
    /// </summary>
    private static int[] SortOrder(double[] time, int[] status, int[]? strata)
    {
        int n = time.Length;
        var keys = new ulong[n];
        var counts = new int[8 * 256];
        for (int i = 0; i < n; i++)
        {
            ulong key = time[i] == 0 ? 0 : BitConverter.DoubleToUInt64Bits(time[i]); // −0 sorts as 0
            keys[i] = key;
            for (int d = 0; d < 8; d++) counts[d * 256 + (int)((key >> (8 * d)) & 0xFF)]++;
        }
        var order = new int[n];
        var buffer = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int d = 0; d < 8; d++)
        {
            var count = counts.AsSpan(d * 256, 256);
            if (n == 0 || count[(int)((keys[0] >> (8 * d)) & 0xFF)] == n) continue; // every time has this byte
            int start = 0;
            for (int v = 0; v < 256; v++) { int c = count[v]; count[v] = start; start += c; }
            foreach (int i in order) buffer[count[(int)((keys[i] >> (8 * d)) & 0xFF)]++] = i;
            (order, buffer) = (buffer, order);
        }
        for (int a = 0; a < n;)
        {
            int e = a + 1;
            while (e < n && keys[order[e]] == keys[order[a]]) e++;
            if (e - a > 1)
            {
                // deaths first, each group in input order
                int m = 0;
                for (int k = a; k < e; k++) if (status[order[k]] != 0) buffer[m++] = order[k];
                for (int k = a; k < e; k++) if (status[order[k]] == 0) buffer[m++] = order[k];
                Array.Copy(buffer, 0, order, a, m);
            }
            a = e;
        }
        if (strata is null) return order;

        var codes = (int[])strata.Clone();
        Array.Sort(codes);
        int distinct = 0;
        for (int k = 0; k < n; k++)
            if (k == 0 || codes[k] != codes[k - 1]) codes[distinct++] = codes[k];
        if (distinct <= 1) return order;
        var offset = new int[distinct + 1];
        var bucket = new int[n];
        for (int i = 0; i < n; i++) offset[(bucket[i] = Array.BinarySearch(codes, 0, distinct, strata[i])) + 1]++;
        for (int c = 0; c < distinct; c++) offset[c + 1] += offset[c];
        var stratified = new int[n];
        foreach (int i in order) stratified[offset[bucket[i]]++] = i;
        return stratified;
    }
}
