using Radiogenomics.Statistics;

namespace Radiogenomics.Genomics;

/// <summary>
/// limma 3.54's <c>eBayes(fit, trend, robust)</c>: <c>squeezeVar</c> → <c>fitFDist</c> (robust: <see cref="RobustFDistributionFit"/>), then moderated t,
/// p-values and the B-statistic (<c>tmixture.matrix</c>). With <c>trend = TRUE</c> the prior variance s₀² is a function
/// of each gene's average expression (Amean): ē becomes the least-squares fit of e on a natural cubic spline of Amean
/// (<c>splines::ns</c>, df = 1 + [n ≥ 3] + [n ≥ 6] + [n ≥ 30], at most the number of distinct Amean values) and var(e)
/// the residual mean square; genes left out of the fit get the spline's prediction.
/// <list type="bullet">
/// <item>fitFDist (method of moments on log variances): s² ← max(s², 10⁻⁵·median s²) (median 0 → 1);
/// e = log s² − ψ(d/2) + log(d/2); ē and var(e) (n − 1 denominator); v = var(e) − mean ψ′(d/2).
/// v &gt; 0: d₀ = 2·ψ′⁻¹(v), s₀² = exp(ē + ψ(d₀/2) − log(d₀/2)); otherwise d₀ = ∞, s₀² = mean s².
/// Genes with d = 0 get s² = 0 and are left out of the fit.</item>
/// <item>s̃² = (d·s² + d₀·s₀²)/(d + d₀) (s₀² when d₀ = ∞); t = β/(u·s̃); df = min(d + d₀, Σd); p = 2·P(T_df &gt; |t|).</item>
/// <item>B: v₀ per coefficient from the top ⌈proportion/2·G⌉ |t| (converted to the largest df first), limited to
/// [0.1², 4²]/s₀²; r = (u² + v₀)/u²; B = log(π/(1−π)) − ½log r + (1 + df)/2·log((t² + df)/(t²/r + df)), or t²(1 − 1/r)/2
/// when d₀ &gt; 10⁶.</item>
/// </list>
/// </summary>
public static class EmpiricalBayes
{
    /// <param name="fit">An <see cref="LinearModel.Fit"/> result.</param>
    /// <param name="proportion">Assumed proportion of differentially expressed genes (limma default 0.01).</param>
    /// <param name="stdevCoefLimLower">Lower limit on the prior sd of non-null log-fold-changes (default 0.1).</param>
    /// <param name="stdevCoefLimUpper">Upper limit (default 4).</param>
    /// <param name="trend">limma's <c>trend = TRUE</c>: an intensity-dependent prior variance (for log-CPM and other
    /// data whose variance falls with expression).</param>
    /// <param name="robust">limma's <c>robust = TRUE</c>: the prior from <see cref="RobustFDistributionFit"/> (fitFDistRobustly,
    /// winsor.tail.p = (0.05, 0.1)), so outlying variances neither inflate the prior's spread nor get squeezed; each gene
    /// gets its own prior df.</param>
    public static ModeratedFit Moderate(LinearModelFit fit, double proportion = 0.01, double stdevCoefLimLower = 0.1, double stdevCoefLimUpper = 4, bool trend = false,
        bool robust = false)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (!(proportion > 0 && proportion < 1)) throw new ArgumentOutOfRangeException(nameof(proportion));
        int genes = fit.GeneCount, p = fit.CoefficientCount;
        var df = fit.DfResidual.ToArray();
        if (df.Max() == 0) throw new ArgumentException("No residual degrees of freedom in linear model fits (limma stops here).", nameof(fit));
        if (!fit.Sigma.Any(double.IsFinite)) throw new ArgumentException("No finite residual standard deviations.", nameof(fit));

        // squeezeVar
        var variance = fit.Sigma.Select(s => s * s).ToArray();
        double dfPrior;
        double[] s2Prior, dfPriors;
        if (genes == 1) { dfPrior = 0; s2Prior = [variance[0]]; dfPriors = [0]; }
        else
        {
            for (int g = 0; g < genes; g++) if (df[g] == 0) variance[g] = 0;
            var covariate = trend ? fit.Amean.ToArray() : null;
            if (robust) (s2Prior, dfPrior, dfPriors) = RobustFDistributionFit.Fit(variance, df, covariate);
            else
            {
                (s2Prior, dfPrior) = FitFDist(variance, df, covariate);
                dfPriors = Enumerable.Repeat(dfPrior, genes).ToArray();
            }
            if (double.IsNaN(dfPrior) || dfPriors.Any(double.IsNaN)) throw new ArgumentException("Could not estimate prior df.", nameof(fit));
        }
        if (s2Prior.Length == 1 && genes > 1) s2Prior = Enumerable.Repeat(s2Prior[0], genes).ToArray();
        var s2Post = new double[genes];
        for (int g = 0; g < genes; g++)
            s2Post[g] = double.IsPositiveInfinity(dfPriors[g]) ? s2Prior[g] : (df[g] * variance[g] + dfPriors[g] * s2Prior[g]) / (df[g] + dfPriors[g]);

        double dfPooled = df.Where(d => !double.IsNaN(d)).Sum();
        var dfTotal = new double[genes];
        for (int g = 0; g < genes; g++) dfTotal[g] = Math.Min(df[g] + dfPriors[g], dfPooled);
        var t = new double[genes * p];
        var pValue = new double[genes * p];
        for (int g = 0; g < genes; g++)
            for (int c = 0; c < p; c++)
            {
                int k = g * p + c;
                t[k] = fit.Coefficient(g, c) / fit.StdevUnscaled(g, c) / Math.Sqrt(s2Post[g]);
                pValue[k] = double.IsNaN(t[k]) ? double.NaN : 2 * StudentT.Cdf(-Math.Abs(t[k]), dfTotal[g]);
            }

        // B-statistic: the limits divide by median(s2.prior) (the one prior without a trend).
        double s2PriorMedian = Median(s2Prior);
        double limLow = stdevCoefLimLower * stdevCoefLimLower / s2PriorMedian, limHigh = stdevCoefLimUpper * stdevCoefLimUpper / s2PriorMedian;
        var varPrior = new double[p];
        int failures = 0;
        for (int c = 0; c < p; c++)
        {
            var tc = new double[genes];
            var uc = new double[genes];
            for (int g = 0; g < genes; g++) { tc[g] = t[g * p + c]; uc[g] = fit.StdevUnscaled(g, c); }
            varPrior[c] = TMixture(tc, uc, dfTotal, proportion, limLow, limHigh);
            // limma: "Estimation of var.prior failed - set to default value"; its vector assignment takes 1/s2.prior[k] for the k-th failure.
            if (double.IsNaN(varPrior[c])) varPrior[c] = 1 / s2Prior[failures++ % s2Prior.Length];
        }
        var lods = new double[genes * p];
        double logOdds = Math.Log(proportion / (1 - proportion));
        for (int g = 0; g < genes; g++)
            for (int c = 0; c < p; c++)
            {
                int k = g * p + c;
                double u2 = fit.StdevUnscaled(g, c) * fit.StdevUnscaled(g, c);
                double r = (u2 + varPrior[c]) / u2;
                double t2 = t[k] * t[k];
                double kernel = dfPriors[g] > 1e6
                    ? t2 * (1 - 1 / r) / 2
                    : (1 + dfTotal[g]) / 2 * Math.Log((t2 + dfTotal[g]) / (t2 / r + dfTotal[g]));
                lods[k] = logOdds - Math.Log(r) / 2 + kernel;
            }
        return new ModeratedFit(fit, dfPrior, dfPriors, s2Prior, s2Post, dfTotal, t, pValue, lods, varPrior, proportion);
    }

    /// <summary>
    /// limma <c>fitFDist(x, df1, covariate)</c>: returns (scale s₀² — one value, or one per gene with a covariate — and df2 d₀).
    /// </summary>
    internal static (double[] Scale, double Df2) FitFDist(double[] x, double[] df1, double[]? covariate = null)
    {
        int n = x.Length;
        if (n == 0) return ([double.NaN], double.NaN);
        if (n == 1) return ([x[0]], 0);
        var ok = new bool[n];
        int nok = 0;
        for (int i = 0; i < n; i++)
        {
            ok[i] = double.IsFinite(df1[i]) && df1[i] > 1e-15 && double.IsFinite(x[i]) && x[i] > -1e-15;
            if (ok[i]) nok++;
        }
        if (nok == 0) return ([double.NaN], double.NaN);
        if (nok == 1) return ([x[Array.IndexOf(ok, true)]], 0);
        var xs = new double[nok];
        var ds = new double[nok];
        var cs = new double[nok];
        for (int i = 0, k = 0; i < n; i++)
            if (ok[i]) { xs[k] = Math.Max(x[i], 0); ds[k] = df1[i]; cs[k] = covariate?[i] ?? 0; k++; }
        int splineDf = 1;
        if (covariate is not null)
        {
            splineDf = Math.Min(1 + (nok >= 3 ? 1 : 0) + (nok >= 6 ? 1 : 0) + (nok >= 30 ? 1 : 0), cs.Distinct().Count());
            if (splineDf < 2) covariate = null; // limma: Recall without the covariate, its scale repeated
        }
        double m = Median(xs);
        if (m == 0) m = 1;   // limma warns "More than half of residual variances are exactly zero"
        for (int i = 0; i < nok; i++) xs[i] = Math.Max(xs[i], 1e-5 * m);
        var e = new double[nok];
        double meanTrigamma = 0;
        for (int i = 0; i < nok; i++)
        {
            e[i] = Math.Log(xs[i]) - Polygamma.Digamma(ds[i] / 2) + Math.Log(ds[i] / 2);
            meanTrigamma += Polygamma.Trigamma(ds[i] / 2);
        }
        meanTrigamma /= nok;
        double[] emean;
        double evar;
        if (covariate is null)
        {
            double mean = e.Average();
            evar = 0;
            foreach (double v in e) evar += (v - mean) * (v - mean);
            evar /= nok - 1;
            emean = [mean];
        }
        else
        {
            // lm.fit(ns(covariate, df, intercept = TRUE), e): fitted values, and the residual mean square as mean(effects[-(1:rank)]²).
            var basis = new NaturalSplineBasis(cs, splineDf);
            var qr = new HouseholderQr(basis.Evaluate(cs));
            var effects = (double[])e.Clone();
            qr.ApplyQt(effects);
            evar = 0;
            for (int i = qr.Rank; i < nok; i++) evar += effects[i] * effects[i];
            evar /= nok - qr.Rank;
            var beta = new double[splineDf];
            qr.SolveR(effects, beta);
            var all = basis.Evaluate(covariate);
            emean = new double[n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < splineDf; j++) emean[i] += all[i, j] * beta[j];
        }
        evar -= meanTrigamma;
        if (evar > 0)
        {
            double df2 = 2 * Polygamma.TrigammaInverse(evar);
            double shift = Polygamma.Digamma(df2 / 2) - Math.Log(df2 / 2);
            return (emean.Select(v => Math.Exp(v + shift)).ToArray(), df2);
        }
        return (covariate is null ? [xs.Average()] : emean.Select(Math.Exp).ToArray(), double.PositiveInfinity);
    }

    /// <summary>limma <c>tmixture.vector</c>: the prior variance v₀ of the non-null coefficients for one coefficient.</summary>
    internal static double TMixture(double[] tstat, double[] stdevUnscaled, double[] df, double proportion, double limLow, double limHigh)
    {
        var keep = Enumerable.Range(0, tstat.Length).Where(i => !double.IsNaN(tstat[i])).ToArray();
        int ngenes = keep.Length;
        int ntarget = (int)Math.Ceiling(proportion / 2 * ngenes);
        if (ntarget < 1) return double.NaN;
        double p = Math.Max((double)ntarget / ngenes, proportion);
        var t = keep.Select(i => Math.Abs(tstat[i])).ToArray();
        var u = keep.Select(i => stdevUnscaled[i]).ToArray();
        var d = keep.Select(i => df[i]).ToArray();
        double maxDf = d.Max();
        for (int i = 0; i < ngenes; i++)
        {
            if (d[i] >= maxDf) continue;
            // same tail probability on the largest df: qt(pt(|t|, df, upper), MaxDF, upper)
            t[i] = StudentTQuantile.Upper(StudentT.Cdf(t[i], d[i], lowerTail: false), maxDf);
        }
        // order(tstat, decreasing = TRUE)[1:ntarget], stable
        var order = Enumerable.Range(0, ngenes).OrderByDescending(i => t[i]).ThenBy(i => i).Take(ntarget).ToArray();
        double sum = 0;
        for (int r = 1; r <= ntarget; r++)
        {
            int i = order[r - 1];
            double v1 = u[i] * u[i];
            double p0 = 2 * StudentT.Cdf(t[i], maxDf, lowerTail: false);
            double ptarget = ((r - 0.5) / ngenes - (1 - p) * p0) / p;
            double v0 = 0;
            if (ptarget > p0)
            {
                double qtarget = StudentTQuantile.Upper(ptarget / 2, maxDf);
                v0 = v1 * ((t[i] / qtarget) * (t[i] / qtarget) - 1);
            }
            sum += Math.Min(Math.Max(v0, limLow), limHigh);
        }
        return sum / ntarget;
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
