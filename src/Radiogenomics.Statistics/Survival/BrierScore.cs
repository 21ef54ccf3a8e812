namespace Radiogenomics.Statistics;

/// <summary>
/// The IPCW Brier score of predicted survival probabilities at time t, as <c>riskRegression::Score(metrics = "brier",
/// cens.model = "km")</c> and <c>pec(cens.model = "marginal")</c>: events by t contribute S(t)² / G(Tᵢ−), patients
/// event-free after t contribute (1 − S(t))² / G(t), patients censored by t nothing; the mean over all patients. The
/// integrated score is pec's <c>crps</c>: the step integral of the score over pec's exact grid (0 and the distinct
/// follow-up times up to τ), divided by the grid's span.
/// </summary>
public static class BrierScore
{
    public static double At(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<double> survival, double t) =>
        At(time, status, survival, t, new CensoringDistribution(time, status));

    internal static double At(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<double> survival, double t, CensoringDistribution censoring)
    {
        int n = time.Length;
        if (status.Length != n || survival.Length != n) throw new ArgumentException("time, status and survival differ in length.");
        double gt = censoring.At(t), sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (time[i] <= t && status[i] == 1) sum += survival[i] * survival[i] / censoring.Before(time[i]);
            else if (time[i] > t) sum += (1 - survival[i]) * (1 - survival[i]) / gt;
        }
        return sum / n;
    }

    /// <summary>
    /// pec's integrated Brier score up to <paramref name="tau"/> of a Cox model's predictions (risk = its linear predictor,
    /// survival from the Breslow baseline hazard, <see cref="CoxPrediction"/>), and the grid it integrated over.
    /// </summary>
    public static (double Integrated, IReadOnlyList<double> Grid) IntegratedCox(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<double> linearPredictor, double tau)
    {
        var grid = new SortedSet<double> { 0 };
        for (int i = 0; i < time.Length; i++) if (time[i] <= tau) grid.Add(time[i]);
        var x = grid.ToArray();
        var censoring = new CensoringDistribution(time, status);
        var prediction = new CoxPrediction(time, status, linearPredictor);
        double start = x[0], stop = Math.Min(tau, x[^1]);
        if (stop - start <= 0) return (0, x);
        double integral = 0;
        for (int k = 0; k < x.Length && x[k] < stop; k++)
        {
            double next = k + 1 < x.Length ? Math.Min(x[k + 1], stop) : stop;
            integral += At(time, status, prediction.Survival(x[k]), x[k], censoring) * (next - x[k]);
        }
        return (integral / (stop - start), x);
    }
}
