namespace Radiogenomics.Statistics;

/// <summary>
/// The elastic net for a continuous response, the same algorithm as <c>glmnet(family = "gaussian", type.gaussian =
/// "covariance")</c> 4.1 (dense x, unit weights): x and y are centred (with an intercept) and scaled by √(1/n) and their
/// 1/n SD (y always, x with <c>standardize</c>), so the null deviance is 1 and the gradient g_j = x̃_jᵀ r̃; cyclic
/// coordinate descent with covariance updates (an entering feature's inner products with every feature are cached and
/// the gradients moved by them): a pass over every feature, then passes over the active set until the largest
/// x̃ᵀx̃·Δβ² is below thresh, repeated until a full pass is below it. R² is accumulated from the updates. The λ
/// sequence and the early stop (R² gain below fdev relative to R², or R² above devmax) are glmnet's
/// (<see cref="GlmnetLambdaSchedule"/>); λ and the coefficients are returned on the original scale.
/// </summary>
public static class GaussianElasticNet
{
    /// <summary>
    /// Fits the path. <paramref name="columns"/>: one array of n values per feature. Throws <see cref="ArgumentException"/>
    /// when y is constant (glmnet's standardisation error) or the shapes disagree.
    /// </summary>
    public static GlmnetPath Fit(IReadOnlyList<double[]> columns, ReadOnlySpan<double> y, GaussianElasticNetOptions? options = null)
    {
        options ??= new GaussianElasticNetOptions();
        int p = columns.Count, n = y.Length;
        if (p == 0) throw new ArgumentException("no features", nameof(columns));
        if (n < 2) throw new ArgumentException("at least two observations are needed", nameof(y));
        foreach (var c in columns) if (c.Length != n) throw new ArgumentException("every feature column needs one value per row", nameof(columns));
        foreach (double v in y) if (!double.IsFinite(v)) throw new ArgumentException($"the response must be finite, found {v}", nameof(y));

        // Standardise as glmnet's Standardize (cov): w = 1/n, v = √w; constant columns are left out (chkvars).
        double w = 1.0 / n, sw = Math.Sqrt(w);
        bool intercept = options.Intercept, standardize = options.Standardize;
        var x = new double[p][];
        var mean = new double[p];
        var scale = new double[p];
        var variance = new double[p];
        var usable = new bool[p];
        for (int j = 0; j < p; j++)
        {
            var col = columns[j];
            bool constant = true;
            for (int i = 1; i < n && constant; i++) constant = col[i] == col[0];
            usable[j] = !constant;
            var z = new double[n];
            x[j] = z;
            scale[j] = 1;
            if (!usable[j]) continue;
            if (intercept)
            {
                double m = 0;
                for (int i = 0; i < n; i++) m += w * col[i];
                for (int i = 0; i < n; i++) z[i] = sw * (col[i] - m);
                mean[j] = m;
                variance[j] = LogisticLasso.Dot(z, z);
                if (standardize)
                {
                    scale[j] = Math.Sqrt(variance[j]);
                    for (int i = 0; i < n; i++) z[i] /= scale[j];
                    variance[j] = 1;
                }
            }
            else
            {
                for (int i = 0; i < n; i++) z[i] = sw * col[i];
                variance[j] = LogisticLasso.Dot(z, z);
                if (standardize)
                {
                    double mbar = 0; // Σ v·z = the weighted mean of the column
                    for (int i = 0; i < n; i++) mbar += sw * z[i];
                    double squaredMean = mbar * mbar, centred = variance[j] - squaredMean;
                    scale[j] = Math.Sqrt(centred);
                    for (int i = 0; i < n; i++) z[i] /= scale[j];
                    variance[j] = 1 + squaredMean / centred;
                }
            }
        }
        double ym = 0;
        if (intercept) for (int i = 0; i < n; i++) ym += w * y[i];
        var ry = new double[n];
        for (int i = 0; i < n; i++) ry[i] = sw * (y[i] - ym);
        double ys = Math.Sqrt(LogisticLasso.Dot(ry, ry));
        if (!(ys > 0)) throw new ArgumentException("y is constant; a Gaussian elastic net needs a response that varies", nameof(y));
        for (int i = 0; i < n; i++) ry[i] /= ys;
        var gradient = new double[p];
        for (int j = 0; j < p; j++) if (usable[j]) gradient[j] = LogisticLasso.Dot(x[j], ry);

        var schedule = new GlmnetLambdaSchedule(options, n, p, ys);
        var solver = new Solver(x, variance, gradient, usable, options, schedule);
        solver.Run();

        int steps = solver.Steps;
        var lambda = new double[steps];
        var intercepts = new double[steps];
        var beta = new double[steps][];
        var df = new int[steps];
        for (int m = 0; m < steps; m++)
        {
            lambda[m] = solver.Lambda[m] * ys;
            var b = solver.Beta[m];
            double a0 = intercept ? ym : 0;
            for (int j = 0; j < p; j++)
            {
                if (b[j] == 0) continue;
                b[j] *= ys / scale[j];
                if (intercept) a0 -= b[j] * mean[j];
                df[m]++;
            }
            beta[m] = b;
            intercepts[m] = a0;
        }
        schedule.FixFirst(lambda);
        double nullDeviance = 0; // Σ (y − ȳ)², or Σ y² without an intercept
        for (int i = 0; i < n; i++) nullDeviance += (y[i] - ym) * (y[i] - ym);
        return new GlmnetPath(lambda, intercepts, beta, df, solver.RSquared.AsSpan(0, steps).ToArray(), nullDeviance,
            solver.Passes, solver.Warning);
    }

    /// <summary>The state of one path fit (glmnetpp's ElnetPoint for the Gaussian covariance method and its path driver).</summary>
    private sealed class Solver
    {
        private readonly double[][] _x;
        private readonly double[] _xv, _g, _a;
        private readonly bool[] _usable;
        private readonly GaussianElasticNetOptions _options;
        private readonly GlmnetLambdaSchedule _schedule;
        private readonly int _p;
        private readonly List<int> _active = new();
        private readonly int[] _activeIndex; // position in _active + 1, 0 when not active
        private readonly List<double[]> _inner = new(); // per active feature k: x̃_jᵀx̃_k for every j
        private double _rsq, _dlx;
        private bool _warm;

        public Solver(double[][] x, double[] xv, double[] gradient, bool[] usable, GaussianElasticNetOptions options, GlmnetLambdaSchedule schedule)
        {
            _x = x; _xv = xv; _g = gradient; _usable = usable; _options = options; _schedule = schedule;
            _p = x.Length;
            _a = new double[_p];
            _activeIndex = new int[_p];
            Lambda = new double[schedule.Count];
            Beta = new double[schedule.Count][];
            RSquared = new double[schedule.Count];
        }

        public double[] Lambda { get; }
        public double[][] Beta { get; }
        public double[] RSquared { get; }
        public int Steps { get; private set; }
        public int Passes { get; private set; }
        public string? Warning { get; private set; }

        public void Run()
        {
            double alpha = _options.Alpha, current = 0;
            for (int m = 0; m < _schedule.Count; m++)
            {
                var (lam, _) = _schedule.Next(m, current, () =>
                {
                    double max = 0;
                    for (int j = 0; j < _p; j++) if (_usable[j]) max = Math.Max(max, Math.Abs(_g[j]));
                    return max;
                });
                current = lam;
                double previousRsq = _rsq;
                try
                {
                    FitPoint(lam * alpha, lam * (1 - alpha));
                }
                catch (MaxPassesException)
                {
                    Warning = $"convergence for {m + 1}th lambda value not reached after maxit={_options.MaxPasses} iterations; solutions for larger lambdas returned";
                    return;
                }
                var beta = new double[_p];
                int nonZero = 0;
                foreach (int k in _active) { beta[k] = _a[k]; if (_a[k] != 0) nonZero++; }
                Beta[m] = beta;
                Lambda[m] = lam;
                RSquared[m] = _rsq;
                Steps = m + 1;
                double relativeGain = _rsq == 0 ? double.PositiveInfinity : (_rsq - previousRsq) / _rsq;
                if (_schedule.ShouldStop(m, nonZero, _p + 1, relativeGain, _rsq)) break;
            }
        }

        /// <summary>One λ: active-set passes first once any have run (warm start), then full passes until one converges.</summary>
        private void FitPoint(double l1, double l2)
        {
            if (_warm) ActiveFit(l1, l2);
            while (true)
            {
                Passes++;
                _dlx = 0;
                for (int k = 0; k < _p; k++) if (_usable[k]) Update(k, l1, l2, full: true);
                if (_dlx < _options.Threshold) return;
                if (Passes > _options.MaxPasses) throw new MaxPassesException();
                ActiveFit(l1, l2);
            }
        }

        /// <summary>
        /// Passes over the active set until converged; only active gradients move during them, the others are brought up to
        /// date once at the end from the total change of the active coefficients.
        /// </summary>
        private void ActiveFit(double l1, double l2)
        {
            _warm = true;
            int count = _active.Count;
            var before = new double[count];
            for (int l = 0; l < count; l++) before[l] = _a[_active[l]];
            while (true)
            {
                Passes++;
                _dlx = 0;
                for (int l = 0; l < count; l++) Update(_active[l], l1, l2, full: false);
                if (_dlx < _options.Threshold) break;
                if (Passes > _options.MaxPasses) throw new MaxPassesException();
            }
            for (int l = 0; l < count; l++) before[l] -= _a[_active[l]];
            for (int j = 0; j < _p; j++)
            {
                if (!_usable[j] || _activeIndex[j] != 0) continue;
                double s = 0;
                for (int l = 0; l < count; l++) s += before[l] * _inner[l][j];
                _g[j] += s;
            }
        }

        private void Update(int k, double l1, double l2, bool full)
        {
            double old = _a[k];
            double u = _g[k] + old * _xv[k];
            double v = Math.Abs(u) - l1;
            double updated = v > 0 ? Math.CopySign(v, u) / (_xv[k] + l2) : 0.0;
            _a[k] = updated;
            if (updated == old) return;
            if (full && _activeIndex[k] == 0) Enter(k);
            double d = updated - old;
            _dlx = Math.Max(_dlx, _xv[k] * d * d);
            _rsq += d * (2 * _g[k] - d * _xv[k]);
            var c = _inner[_activeIndex[k] - 1];
            if (full)
            {
                for (int j = 0; j < _p; j++) if (_usable[j]) _g[j] -= c[j] * d;
            }
            else
            {
                foreach (int j in _active) _g[j] -= c[j] * d;
            }
        }

        /// <summary>Feature k joins the active set: cache its inner products with every usable feature.</summary>
        private void Enter(int k)
        {
            var c = new double[_p];
            for (int j = 0; j < _p; j++)
            {
                if (!_usable[j]) continue;
                if (j == k) c[j] = _xv[j];
                else if (_activeIndex[j] != 0) c[j] = _inner[_activeIndex[j] - 1][k];
                else c[j] = LogisticLasso.Dot(_x[j], _x[k]);
            }
            _active.Add(k);
            _inner.Add(c);
            _activeIndex[k] = _active.Count;
        }
    }

    private sealed class MaxPassesException : Exception;
}
