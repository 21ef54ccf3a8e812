using Radiogenomics.Statistics;

namespace Radiogenomics.Genomics;

/// <summary>
/// limma 3.54's <c>fitFDistRobustly(x, df1, covariate, winsor.tail.p = c(0.05, 0.1))</c>, the prior behind
/// <c>eBayes(robust = TRUE)</c>: the log-variances (or their residuals from a lowess trend in the covariate, span 0.4) are
/// winsorised at their 5 % and 90 % quantiles; the prior df d₀ is where the winsorised variance of log F(df1, d₀) —
/// by 128-point Gauss–Legendre quadrature on the scale F/(1 + F), plus the two tail masses — equals the data's, found by
/// R's uniroot (tol 10⁻⁸) on that scale; the prior scale corrects the (trimmed-mean or lowess) trend by the winsorised
/// mean. Each gene then gets its own d₀: shrunk towards an outlier df by its probability of being an outlier (the upper
/// F tail against the empirical tail), made monotone in the tail probability.
/// Genes with missing variances or df ≤ 10⁻⁶ are fitted without and get the scale (interpolated along the covariate) and
/// the unshrunk d₀; unequal df1 are first mapped to the largest df1 at the same F tail probability.
/// </summary>
internal static class RobustFDistributionFit
{
    private static readonly Lazy<(double[] Nodes, double[] Weights)> Quadrature = new(() => GaussLegendre.UnitInterval(128));

    /// <returns>Scale s₀² (one value, or one per gene with a covariate), the fitted d₀, and each gene's shrunk d₀.</returns>
    public static (double[] Scale, double Df2, double[] Df2Shrunk) Fit(double[] x, double[] df1, double[]? covariate, double lowerTail = 0.05, double upperTail = 0.1)
    {
        int n = x.Length;
        if (n < 2) return ([double.NaN], double.NaN, [double.NaN]);
        if (n == 2)
        {
            var (scale2, d2) = EmpiricalBayes.FitFDist(x, df1, covariate);
            return (scale2, d2, [d2, d2]);
        }
        var ok = new bool[n];
        for (int i = 0; i < n; i++) ok[i] = !double.IsNaN(x[i]) && double.IsFinite(df1[i]) && df1[i] > 1e-6;
        if (ok.Contains(false))
        {
            var keep = Enumerable.Range(0, n).Where(i => ok[i]).ToArray();
            var fit = Fit(keep.Select(i => x[i]).ToArray(), keep.Select(i => df1[i]).ToArray(), covariate is null ? null : keep.Select(i => covariate[i]).ToArray(), lowerTail, upperTail);
            var shrunk = Enumerable.Repeat(fit.Df2, n).ToArray();
            for (int k = 0; k < keep.Length; k++) shrunk[keep[k]] = fit.Df2Shrunk[k];
            if (covariate is null) return (fit.Scale, fit.Df2, shrunk);
            var scale = new double[n];
            var logScale = fit.Scale.Select(v => Math.Log(v)).ToArray();
            var keptCovariate = keep.Select(i => covariate[i]).ToArray();
            for (int k = 0; k < keep.Length; k++) scale[keep[k]] = fit.Scale[k];
            for (int i = 0; i < n; i++) if (!ok[i]) scale[i] = Math.Exp(Approx(keptCovariate, logScale, covariate[i]));
            return (scale, fit.Df2, shrunk);
        }

        x = (double[])x.Clone();
        double median = MedianOf(x);
        if (median <= 0) throw new ArgumentException("Variances are mostly <= 0 (limma stops here).");
        for (int i = 0; i < n; i++) if (x[i] < median * 1e-12) x[i] = median * 1e-12;   // limma warns: offset away from zero
        var (nonRobustScale, nonRobustDf2) = EmpiricalBayes.FitFDist(x, df1, covariate);
        if (lowerTail < 1.0 / n && upperTail < 1.0 / n) return (nonRobustScale, nonRobustDf2, Enumerable.Repeat(nonRobustDf2, n).ToArray());

        // Unequal df1: the same F tail probability at the largest df1.
        double df1Max = df1.Max(), d1 = df1[0];
        if (df1.Any(d => d < df1Max - 1e-14))
        {
            for (int i = 0; i < n; i++)
            {
                if (!(df1[i] < df1Max - 1e-14)) continue;
                double s = nonRobustScale.Length == 1 ? nonRobustScale[0] : nonRobustScale[i];
                double f = x[i] / s;
                double logUpper = FisherF.LogCdf(f, df1[i], nonRobustDf2, upper: true), logLower = FisherF.LogCdf(f, df1[i], nonRobustDf2, upper: false);
                f = logUpper < logLower ? FisherF.QuantileLog(logUpper, df1Max, nonRobustDf2, upper: true) : FisherF.QuantileLog(logLower, df1Max, nonRobustDf2, upper: false);
                x[i] = f * s;
            }
            d1 = df1Max;
        }

        var z = x.Select(v => Math.Log(v)).ToArray();
        double[] ztrend, zresid = new double[n];
        if (covariate is null)
        {
            double trimmed = TrimmedMean(z, upperTail);
            ztrend = [trimmed];
            for (int i = 0; i < n; i++) zresid[i] = z[i] - trimmed;
        }
        else
        {
            ztrend = Lowess.Fit(covariate, z, 0.4, 3);   // limma's loessFit(z, covariate, span = 0.4) without weights
            for (int i = 0; i < n; i++) zresid[i] = z[i] - ztrend[i];
        }
        var zrq = RQuantile.Type7(zresid, lowerTail, 1 - upperTail);
        var zwins = zresid.Select(r => Math.Min(Math.Max(r, zrq[0]), zrq[1])).ToArray();
        double zwmean = Mean(zwins), zwvar = 0;
        foreach (double v in zwins) zwvar += (v - zwmean) * (v - zwmean);
        zwvar = zwvar / n * n / (n - 1);

        var momentsInf = WinsorizedMoments(d1, double.PositiveInfinity, lowerTail, upperTail);
        double funvalInf = Math.Log(zwvar / momentsInf.Var);
        if (funvalInf <= 0)
        {
            // d₀ = ∞: the variances vary no more than chance beyond the outliers.
            var scale = ztrend.Select(t => Math.Exp(t + zwmean - momentsInf.Mean)).ToArray();
            var fstat = new double[n];
            var tailP = new double[n];
            for (int i = 0; i < n; i++)
            {
                fstat[i] = Math.Exp(z[i] - (ztrend.Length == 1 ? ztrend[0] : ztrend[i]) - zwmean + momentsInf.Mean);
                tailP[i] = Math.Exp(FisherF.LogCdf(fstat[i], d1, double.PositiveInfinity, upper: true));
            }
            var rank = Ranks.Average(fstat);
            double dfPooled = n * d1;
            var shrunk = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
            bool any = false;
            for (int i = 0; i < n; i++)
            {
                double probNotOutlier = Math.Min(tailP[i] / ((n - rank[i] + 0.5) / n), 1);
                if (probNotOutlier < 1) { shrunk[i] = probNotOutlier * dfPooled; any = true; }
            }
            if (any) CumulativeMaxInOrder(shrunk, StableOrder(tailP));
            return (scale, double.PositiveInfinity, shrunk);
        }
        if (double.IsPositiveInfinity(nonRobustDf2)) return (nonRobustScale, nonRobustDf2, Enumerable.Repeat(nonRobustDf2, n).ToArray());

        double Objective(double link) => Math.Log(zwvar / WinsorizedMoments(d1, LinkInverse(link), lowerTail, upperTail).Var);
        double rbx = Link(nonRobustDf2);
        double funvalLow = Objective(rbx);
        double df2 = funvalLow >= 0 ? nonRobustDf2 : LinkInverse(BrentRoot.Find(Objective, rbx, 1, funvalLow, funvalInf, 1e-8));

        var moments = WinsorizedMoments(d1, df2, lowerTail, upperTail);
        var corrected = ztrend.Select(t => t + zwmean - moments.Mean).ToArray();
        var s20 = corrected.Select(Math.Exp).ToArray();
        var F = new double[n];
        var logTailP = new double[n];
        for (int i = 0; i < n; i++)
        {
            F[i] = Math.Exp(z[i] - (corrected.Length == 1 ? corrected[0] : corrected[i]));
            logTailP[i] = FisherF.LogCdf(F[i], d1, df2, upper: true);
        }
        var ranks = Ranks.Average(F);
        var logProbNotOutlier = new double[n];
        bool outliers = false;
        for (int i = 0; i < n; i++)
        {
            logProbNotOutlier[i] = Math.Min(logTailP[i] - (Math.Log(n - ranks[i] + 0.5) - Math.Log(n)), 0);
            if (logProbNotOutlier[i] < 0) outliers = true;
        }
        var df2Shrunk = Enumerable.Repeat(df2, n).ToArray();
        if (outliers)
        {
            double minLogTailP = logTailP.Min();
            if (double.IsNegativeInfinity(minLogTailP))
                for (int i = 0; i < n; i++) df2Shrunk[i] = Math.Exp(logProbNotOutlier[i]) * df2;
            else
            {
                // the outlier df puts the largest F at tail probability ½
                double df2Outlier = Math.Log(0.5) / minLogTailP * df2;
                double newLogTailP = FisherF.LogCdf(F.Max(), d1, df2Outlier, upper: true);
                df2Outlier = Math.Log(0.5) / newLogTailP * df2Outlier;
                for (int i = 0; i < n; i++)
                {
                    double notOutlier = Math.Exp(logProbNotOutlier[i]), outlier = -FisherF.Expm1(logProbNotOutlier[i]);
                    df2Shrunk[i] = notOutlier * df2 + outlier * df2Outlier;
                }
            }
            // Monotone in the tail probability: the running mean from the most extreme gene down to its minimum, then cummax.
            var order = StableOrder(logTailP);
            var ordered = order.Select(i => df2Shrunk[i]).ToArray();
            double sum = 0, best = double.PositiveInfinity;
            int imin = 0;
            for (int k = 0; k < n; k++)
            {
                sum += ordered[k];
                double m = sum / (k + 1);
                if (m < best) { best = m; imin = k; }
            }
            for (int k = 0; k <= imin; k++) ordered[k] = best;
            for (int k = 1; k < n; k++) ordered[k] = Math.Max(ordered[k], ordered[k - 1]);
            for (int k = 0; k < n; k++) df2Shrunk[order[k]] = ordered[k];
        }
        return (s20, df2, df2Shrunk);
    }

    /// <summary>Mean and variance of log F(df1, df2) winsorised at its lower and upper tail probabilities.</summary>
    internal static (double Mean, double Var) WinsorizedMoments(double df1, double df2, double lowerTail, double upperTail)
    {
        var (nodes, weights) = Quadrature.Value;
        double fq0 = FisherF.QuantileLog(Math.Log(lowerTail), df1, df2, upper: false);
        double fq1 = FisherF.QuantileLog(Math.Log(1 - upperTail), df1, df2, upper: false);
        double zq0 = Math.Log(fq0), zq1 = Math.Log(fq1);
        double q0 = Link(fq0), q1 = Link(fq1), q21 = q1 - q0;
        int count = nodes.Length;
        var znodes = new double[count];
        var density = new double[count];
        double mean = 0;
        for (int k = 0; k < count; k++)
        {
            double node = q0 + q21 * nodes[k];
            double fnode = LinkInverse(node);
            znodes[k] = Math.Log(fnode);
            density[k] = FisherF.Density(fnode, df1, df2) / ((1 - node) * (1 - node));
            mean += weights[k] * density[k] * znodes[k];
        }
        mean = q21 * mean + zq0 * lowerTail + zq1 * upperTail;
        double variance = 0;
        for (int k = 0; k < count; k++) variance += weights[k] * density[k] * (znodes[k] - mean) * (znodes[k] - mean);
        variance = q21 * variance + (zq0 - mean) * (zq0 - mean) * lowerTail + (zq1 - mean) * (zq1 - mean) * upperTail;
        return (mean, variance);
    }

    private static double Link(double x) => x / (1 + x);
    private static double LinkInverse(double x) => x / (1 - x);

    /// <summary>R's mean(x, trim): the mean of the order statistics ⌊n·trim⌋ + 1 … n − ⌊n·trim⌋.</summary>
    private static double TrimmedMean(double[] values, double trim)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length, lo = (int)Math.Floor(n * trim);
        return Mean(sorted.AsSpan(lo, n - 2 * lo).ToArray());
    }

    /// <summary>R's mean: the sum divided by n, then corrected by the mean residual.</summary>
    private static double Mean(double[] values)
    {
        double s = 0;
        foreach (double v in values) s += v;
        s /= values.Length;
        double t = 0;
        foreach (double v in values) t += v - s;
        return s + t / values.Length;
    }

    private static double MedianOf(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int[] StableOrder(double[] keys) => Enumerable.Range(0, keys.Length).OrderBy(i => keys[i]).ToArray();

    private static void CumulativeMaxInOrder(double[] values, int[] order)
    {
        double running = double.NegativeInfinity;
        foreach (int i in order) { running = Math.Max(running, values[i]); values[i] = running; }
    }

    /// <summary>R's approx(x, y, xout, rule = 2, ties = mean) at one point.</summary>
    private static double Approx(double[] x, double[] y, double xout)
    {
        var groups = x.Select((v, i) => (v, y[i])).GroupBy(p => p.v).OrderBy(g => g.Key).Select(g => (X: g.Key, Y: g.Average(p => p.Item2))).ToArray();
        if (xout <= groups[0].X) return groups[0].Y;
        if (xout >= groups[^1].X) return groups[^1].Y;
        int hi = 1;
        while (groups[hi].X < xout) hi++;
        var (x0, y0) = groups[hi - 1];
        var (x1, y1) = groups[hi];
        return y0 + (y1 - y0) * (xout - x0) / (x1 - x0);
    }
}
