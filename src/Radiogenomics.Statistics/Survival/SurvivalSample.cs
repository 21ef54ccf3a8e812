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
        Order = SortedByStratumThenTime(time, status, strata);
        SortedTime = Order.Select(i => time[i]).ToArray();
        SortedStatus = Order.Select(i => status[i]).ToArray();
        SortedStratum = Order.Select(i => strata?[i] ?? 0).ToArray();
    }

    public double[] Time { get; }
    public int[] Status { get; }

    /// <summary>Stratum code per subject, or null for one stratum.</summary>
    public int[]? Strata { get; }

    public int Count => Time.Length;
    public int EventCount => Status.Sum();

    /// <summary>Subject indices sorted by stratum, then time ascending, deaths before censorings at the same time.</summary>
    internal int[] Order { get; }

    internal int StratumOf(int subject) => Strata?[subject] ?? 0;

    /// <summary>Time, status and stratum in <see cref="Order"/>, for the inner loops.</summary>
    internal double[] SortedTime { get; }

    internal int[] SortedStatus { get; }
    internal int[] SortedStratum { get; }

    private static int[] SortedByStratumThenTime(double[] time, int[] status, int[]? strata)
    {
        var order = Enumerable.Range(0, time.Length).ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = (strata?[a] ?? 0).CompareTo(strata?[b] ?? 0);
            if (c != 0) return c;
            c = time[a].CompareTo(time[b]);
            if (c != 0) return c;
            c = status[b].CompareTo(status[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }
}
