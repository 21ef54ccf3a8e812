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
        var keys = new SortKey[n];
        for (int i = 0; i < n; i++) keys[i] = new SortKey(strata?[i] ?? 0, time[i], status[i], i);
        Array.Sort(keys);
        Order = new int[n];
        SortedTime = new double[n];
        SortedStatus = new int[n];
        SortedStratum = new int[n];
        int events = 0;
        for (int k = 0; k < n; k++)
        {
            var key = keys[k];
            Order[k] = key.Index;
            SortedTime[k] = key.Time;
            SortedStatus[k] = key.Status;
            SortedStratum[k] = key.Stratum;
            events += key.Status;
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
    /// total order, so the permutation does not depend on the sort algorithm). A struct key sorts without a delegate call.
    /// </summary>
    private readonly record struct SortKey(int Stratum, double Time, int Status, int Index) : IComparable<SortKey>
    {
        public int CompareTo(SortKey other)
        {
            int c = Stratum.CompareTo(other.Stratum);
            if (c != 0) return c;
            c = Time.CompareTo(other.Time);
            if (c != 0) return c;
            c = other.Status.CompareTo(Status);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }
}
