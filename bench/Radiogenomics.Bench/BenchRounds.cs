namespace Radiogenomics.Bench;

/// <summary>
/// What interleaved benchmark rounds on a shared machine report: the median of the per-round values and the load
/// average at the time (from /proc/loadavg; "n/a" elsewhere).
/// </summary>
internal static class BenchRounds
{
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /// <summary>The 1-minute load average, e.g. "3.41".</summary>
    public static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "n/a"; }
        catch (UnauthorizedAccessException) { return "n/a"; }
    }
}
