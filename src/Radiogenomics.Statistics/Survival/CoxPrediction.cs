namespace Radiogenomics.Statistics;

/// <summary>
/// Predicted survival of a Cox model's own patients from their linear predictors: Sᵢ(t) = exp(−H₀(t)·exp(ηᵢ)) with the
/// Breslow baseline cumulative hazard H₀(t) = Σ_{tₖ ≤ t} dₖ / Σ_{j at risk at tₖ} exp(ηⱼ), as riskRegression's
/// <c>predictCox</c> / <c>predictRisk</c> for a <c>coxph(ties = "breslow")</c> fit (η centred as coxph's).
/// </summary>
public sealed class CoxPrediction
{
    private readonly double[] _times;
    private readonly double[] _hazard;
    private readonly double[] _relativeRisk;

    public CoxPrediction(ReadOnlySpan<double> time, ReadOnlySpan<int> status, ReadOnlySpan<double> linearPredictor)
    {
        int n = time.Length;
        if (status.Length != n || linearPredictor.Length != n) throw new ArgumentException("time, status and linear predictor differ in length.");
        _relativeRisk = new double[n];
        for (int i = 0; i < n; i++) _relativeRisk[i] = Math.Exp(linearPredictor[i]);
        var order = Enumerable.Range(0, n).ToArray();
        var t = time.ToArray();
        Array.Sort(t, order);
        // risk-set sums from the end
        var times = new List<double>();
        var increments = new List<double>();
        double riskSum = 0;
        for (int k = n - 1; k >= 0;)
        {
            double at = t[k];
            int deaths = 0;
            while (k >= 0 && t[k] == at) { riskSum += _relativeRisk[order[k]]; deaths += status[order[k]]; k--; }
            if (deaths > 0) { times.Add(at); increments.Add(deaths / riskSum); }
        }
        times.Reverse();
        increments.Reverse();
        _times = [.. times];
        _hazard = new double[_times.Length];
        double h = 0;
        for (int k = 0; k < _times.Length; k++) _hazard[k] = h += increments[k];
    }

    /// <summary>H₀(t).</summary>
    public double BaselineHazard(double t)
    {
        int k = Array.BinarySearch(_times, t);
        k = k >= 0 ? k : ~k - 1;
        return k < 0 ? 0 : _hazard[k];
    }

    /// <summary>Sᵢ(t) for every patient, in input order.</summary>
    public double[] Survival(double t)
    {
        double h = BaselineHazard(t);
        return _relativeRisk.Select(r => Math.Exp(-h * r)).ToArray();
    }
}
