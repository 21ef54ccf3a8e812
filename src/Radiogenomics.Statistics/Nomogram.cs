namespace Radiogenomics.Statistics;

/// <summary>
/// Builds a <see cref="NomogramScale"/> as <c>rms::nomogram(fit, fun = plogis)</c> does for a model without
/// interactions: points = (β·x − min β·x) · sc with sc = 100 / the widest predictor range (over the axis values, not the
/// data); linear-predictor ticks <c>pretty(range(fitted lp), 10)</c>; total-points ticks <c>pretty(c(0, max(100, sc·max(lp
/// ticks − intercept))), 10)</c>; probability ticks <c>pretty(plogis(range(lp ticks)), 10)</c>, placed by rms's linear
/// interpolation of plogis on 1,000 points (not by the exact logit), so the positions equal the drawn ones.
/// </summary>
public static class Nomogram
{
    public static NomogramScale Build(double intercept, IReadOnlyList<NomogramPredictor> predictors, ReadOnlySpan<double> fittedLinearPredictors,
        int intervals = 10, double maxScale = 100)
    {
        if (predictors.Count == 0) throw new ArgumentException("a nomogram needs at least one predictor");
        var minimum = predictors.Select(p => p.Effects.Min()).ToArray();
        var widest = predictors.Max(p => p.Effects.Max() - p.Effects.Min());
        if (!(widest > 0)) throw new ArgumentException("every predictor's coefficient is 0: the nomogram has no scale");
        double sc = maxScale / widest;
        double nomogramIntercept = intercept + minimum.Sum();
        var axes = predictors.Select((p, i) => new NomogramAxis(p.Name, p.Labels, p.Values, p.Effects.Select(e => (e - minimum[i]) * sc).ToArray())).ToList();

        double lpMin = double.PositiveInfinity, lpMax = double.NegativeInfinity;
        foreach (double v in fittedLinearPredictors) { lpMin = Math.Min(lpMin, v); lpMax = Math.Max(lpMax, v); }
        var lpAt = RPretty.Of(lpMin, lpMax, intervals);
        double sumMax = predictors.Count == 1 ? maxScale : Math.Max(maxScale, sc * (lpAt.Max() - nomogramIntercept));
        var total = RPretty.Of(0, sumMax, intervals);
        var totalAxis = new NomogramAxis("total_points", Labels(total), total, total);
        var lpAxis = new NomogramAxis("linear_predictor", Labels(lpAt), lpAt, lpAt.Select(v => (v - nomogramIntercept) * sc).ToArray());

        var fat = RPretty.Of(Logistic(lpAt.Min()), Logistic(lpAt.Max()), intervals);
        int gridSize = 1000;
        double from = lpAt.Min(), to = lpAt.Max(), by = (to - from) / (gridSize - 1);
        var grid = new double[gridSize];
        for (int i = 0; i < gridSize; i++) grid[i] = i == gridSize - 1 ? to : from + i * by;
        var fu = grid.Select(Logistic).ToArray();
        var probabilities = new List<double>();
        var positions = new List<double>();
        foreach (double f in fat)
        {
            double w = Approx(fu, grid, f);
            if (double.IsNaN(w)) continue;
            probabilities.Add(f);
            positions.Add((w - nomogramIntercept) * sc);
        }
        var probabilityAxis = new NomogramAxis("probability", Labels(probabilities), probabilities, positions);
        return new NomogramScale(axes, totalAxis, lpAxis, probabilityAxis, sc, nomogramIntercept, minimum);
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>R's <c>approx(x, y, v)</c> (linear, rule 1: NaN outside the range of x) for increasing x.</summary>
    private static double Approx(double[] x, double[] y, double v)
    {
        int n = x.Length;
        if (v < x[0] || v > x[n - 1]) return double.NaN;
        int i = 0, j = n - 1;
        while (i < j - 1)
        {
            int ij = (i + j) / 2;
            if (v < x[ij]) j = ij; else i = ij;
        }
        if (v == x[j]) return y[j];
        if (v == x[i]) return y[i];
        return y[i] + (y[j] - y[i]) * ((v - x[i]) / (x[j] - x[i]));
    }

    private static string[] Labels(IEnumerable<double> values) =>
        values.Select(v => v.ToString("G10", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
