namespace Radiogenomics.Statistics;

/// <summary>
/// Penalised Cox regression, the same algorithm as <c>glmnet(family = "cox")</c> 4.1 (right-censored, unstratified, dense
/// x, unit weights; glmnet's Fortran coxnet): censored times nudged up by 100·ε; Breslow partial likelihood; features
/// centred and scaled by their 1/n SD; per λ an outer loop of diagonal Newton steps (weights from the risk sets) whose
/// penalised weighted least-squares problem is solved by cyclic coordinate descent over the strong set, then the active
/// set, until the largest weighted squared change is below thresh × null deviance; the outer loop stops when no active
/// coefficient moved by that much and the KKT conditions hold outside the strong set. λ starts at
/// λ_max = max|x̃ᵀwr|/max(α, 1e-3) (wr: the null model's working residuals) and falls log-linearly to λ_max × lambda.min.ratio;
/// after 5 steps the path stops when the deviance ratio gained less than 0.1 % over the last 4 steps or exceeds 0.99.
/// </summary>
public static class CoxLasso
{
    private const double FractionalDevianceChange = 1e-5 * 100; // fdev, scaled as coxnet does
    private const double MaxDevianceRatio = 0.999 * 0.99 / 0.999; // devmax, scaled as coxnet does
    private const double MinLambdaRatio = 1e-6;                   // eps
    private const double Big = 9.9e35;                            // big
    private const int MinSteps = 5;                               // mnlam
    private const double REpsilon = 2.220446049250313e-16;           // R's .Machine$double.eps (2⁻⁵²), not .NET's double.Epsilon
    private static readonly double MaxExponent = Math.Log(double.MaxValue * 0.1); // fmax

    /// <summary>
    /// Fits the path. <paramref name="columns"/>: one array of n values per feature; <paramref name="time"/> &gt; 0;
    /// <paramref name="status"/> 1 = event, 0 = censored.
    /// </summary>
    /// <exception cref="ArgumentException">bad input, as glmnet refuses it (non-positive times, too few events).</exception>
    public static CoxLassoPath Fit(IReadOnlyList<double[]> columns, double[] time, int[] status, CoxLassoOptions? options = null)
    {
        options ??= new CoxLassoOptions();
        int p = columns.Count, n = time.Length;
        if (p == 0) throw new ArgumentException("no features", nameof(columns));
        if (status.Length != n) throw new ArgumentException("time and status differ in length", nameof(status));
        foreach (var c in columns) if (c.Length != n) throw new ArgumentException("every feature column needs one value per subject", nameof(columns));
        for (int i = 0; i < n; i++)
        {
            if (!(time[i] > 0) || !double.IsFinite(time[i])) throw new ArgumentException($"time[{i}] = {time[i]}: glmnet's Cox model needs positive finite times", nameof(time));
            if (status[i] is not (0 or 1)) throw new ArgumentException($"status[{i}] = {status[i]} is not 0 or 1", nameof(status));
            foreach (var c in columns) if (!double.IsFinite(c[i])) throw new ArgumentException($"feature value of subject {i} is missing or not finite", nameof(columns));
        }
        double alpha = options.Alpha;
        if (!(alpha >= 0 && alpha <= 1)) throw new ArgumentException($"alpha must be in [0, 1], was {alpha}");

        // Standardise with weights 1/n (glmnet's cstandard); constant columns are left out (chkvars).
        double w = 1.0 / n;
        var z = new double[p][];
        var scale = new double[p];
        var usable = new bool[p];
        for (int j = 0; j < p; j++)
        {
            var x = columns[j];
            bool constant = true;
            for (int i = 1; i < n && constant; i++) constant = x[i] == x[0];
            usable[j] = !constant;
            scale[j] = 1;
            var c = (double[])x.Clone();
            if (usable[j])
            {
                double m = 0;
                for (int i = 0; i < n; i++) m += w * x[i];
                for (int i = 0; i < n; i++) c[i] = x[i] - m;
                if (options.Standardize)
                {
                    double ss = 0;
                    for (int i = 0; i < n; i++) ss += w * c[i] * c[i];
                    scale[j] = Math.Sqrt(ss);
                    for (int i = 0; i < n; i++) c[i] /= scale[j];
                }
            }
            z[j] = c;
        }
        var y = new double[n];
        var d = new double[n];
        var q = new double[n];
        for (int i = 0; i < n; i++)
        {
            d[i] = status[i];
            y[i] = time[i] + (1 - d[i]) * 100 * REpsilon;
            q[i] = w;
        }

        var solver = new Solver(z, y, d, q, usable, options);
        solver.Run();

        int steps = solver.Steps;
        var lambda = solver.Lambda.AsSpan(0, steps).ToArray();
        if (options.Lambda is null && steps > 2) lambda[0] = Math.Exp(2 * Math.Log(lambda[1]) - Math.Log(lambda[2])); // fix.lam
        var beta = new double[steps][];
        var df = new int[steps];
        for (int m = 0; m < steps; m++)
        {
            var b = solver.Beta[m];
            for (int j = 0; j < p; j++)
            {
                if (b[j] == 0) continue;
                b[j] /= scale[j];
                df[m]++;
            }
            beta[m] = b;
        }
        return new CoxLassoPath(lambda, beta, df, solver.DevianceRatio.AsSpan(0, steps).ToArray(), 2 * n * solver.NullDevianceNormalised,
            solver.Passes, solver.Warning);
    }


    /// <summary>The state of one path fit (coxnet1).</summary>
    private sealed class Solver
    {
        private readonly double[][] _z;
        private readonly double[] _q;
        private readonly bool[] _usable;
        private readonly CoxLassoOptions _options;
        private readonly int _n, _p;
        private readonly CoxnetRiskSets _sets;
        private readonly double[] _a, _as, _v, _ga, _f, _e, _w, _wr, _wz;
        private readonly bool[] _strong;
        private readonly int[] _activeIndex;
        private readonly List<int> _active = new();

        public Solver(double[][] z, double[] y, double[] d, double[] q, bool[] usable, CoxLassoOptions options)
        {
            _z = z; _q = q; _usable = usable; _options = options;
            _n = y.Length; _p = z.Length;
            _sets = new CoxnetRiskSets(y, d, q);
            _a = new double[_p]; _as = new double[_p]; _v = new double[_p]; _ga = new double[_p];
            _f = new double[_n]; _e = new double[_n]; _w = new double[_n]; _wr = new double[_n]; _wz = new double[_n];
            _strong = new bool[_p]; _activeIndex = new int[_p];
            int count = options.Lambda?.Count ?? options.LambdaCount;
            Lambda = new double[count];
            Beta = new double[count][];
            DevianceRatio = new double[count];
        }

        public double[] Lambda { get; }
        public double[][] Beta { get; }
        public double[] DevianceRatio { get; }
        public int Steps { get; private set; }
        public int Passes { get; private set; }
        public double NullDevianceNormalised { get; private set; }
        public string? Warning { get; private set; }

        public void Run()
        {
            double alpha = _options.Alpha;
            var user = _options.Lambda?.OrderByDescending(l => l).ToArray();
            if (user is not null && user.Any(l => !(l >= 0))) throw new ArgumentException("λ values must be ≥ 0");
            int nlam = user?.Length ?? _options.LambdaCount;
            if (nlam < 1) throw new ArgumentException("at least one λ is needed");
            double flmin = user is not null ? 1.0 : _options.LambdaMinRatio ?? (_n < _p ? 0.01 : 1e-4);
            if (user is null && !(flmin > 0 && flmin < 1)) throw new ArgumentException($"lambda.min.ratio must be in (0, 1), was {flmin}");
            if (!_usable.Any(u => u)) throw new ArgumentException("every feature is constant");

            // The null model: f = 0, e = q; the deviance scale rr = −(Σ dk log dk + ℓ(0)).
            for (int i = 0; i < _n; i++) _e[i] = _q[i];
            double r0 = _sets.LogLikelihood(_f, _e);
            double saturated = 0;
            foreach (double dk in _sets.Deaths) saturated += dk * Math.Log(dk);
            double rr = -(saturated + r0);
            NullDevianceNormalised = rr;
            _sets.Weights(_e, _w, _wr);
            double cthr = _options.Threshold * rr;
            for (int j = 0; j < _p; j++) if (_usable[j]) _ga[j] = Math.Abs(LogisticLasso.Dot(_wr, _z[j]));

            double alf = flmin < 1 ? Math.Pow(Math.Max(MinLambdaRatio, flmin), 1.0 / (nlam - 1.0)) : 1.0;
            int minSteps = Math.Min(MinSteps, nlam);
            double al = 0;
            for (int m = 0; m < nlam; m++)
            {
                double al0 = al;
                if (flmin >= 1) al = user![m];
                else if (m > 1) al *= alf;
                else if (m == 0) al = Big;
                else
                {
                    al0 = 0;
                    for (int j = 0; j < _p; j++) if (_usable[j]) al0 = Math.Max(al0, _ga[j]);
                    al0 /= Math.Max(alpha, 1e-3);
                    al = alf * al0;
                }
                double sa = alpha * al, omal = (1 - alpha) * al, tlam = alpha * (2 * al - al0);
                for (int k = 0; k < _p; k++)
                    if (!_strong[k] && _usable[k] && _ga[k] > tlam) _strong[k] = true;
                try
                {
                    FitPoint(sa, omal, cthr);
                }
                catch (MaxPassesException)
                {
                    Warning = $"convergence for {m + 1}th lambda value not reached after maxit={_options.MaxPasses} iterations; solutions for larger lambdas returned";
                    return;
                }
                catch (CoxnetWeightException)
                {
                    Warning = $"the fit diverged at the {m + 1}th lambda value (a Newton weight was not positive); solutions for larger lambdas returned";
                    return;
                }

                var beta = new double[_p];
                int nonZero = 0;
                foreach (int k in _active) { beta[k] = _a[k]; if (_a[k] != 0) nonZero++; }
                Beta[m] = beta;
                Lambda[m] = al;
                DevianceRatio[m] = (_sets.LogLikelihood(_f, _e) - r0) / rr;
                Steps = m + 1;
                if (Steps < minSteps || flmin >= 1) continue;
                if (nonZero > _p + 1) break; // dfmax = nvars + 1
                if ((DevianceRatio[m] - DevianceRatio[m - minSteps + 1]) / DevianceRatio[m] < FractionalDevianceChange) break;
                if (DevianceRatio[m] > MaxDevianceRatio) break;
            }
        }

        /// <summary>One λ: Newton steps on the strong set with coordinate descent, then the KKT check outside it.</summary>
        private void FitPoint(double sa, double omal, double cthr)
        {
            while (true)
            {
                if (Passes > _options.MaxPasses) throw new MaxPassesException();
                foreach (int k in _active) _as[k] = _a[k];
                for (int j = 0; j < _p; j++) if (_strong[j]) _v[j] = WeightedSquares(_w, _z[j]);
                while (true)
                {
                    if (Pass(full: true, sa, omal) < cthr) break;
                    if (Passes > _options.MaxPasses) throw new MaxPassesException();
                    while (true)
                    {
                        if (Pass(full: false, sa, omal) < cthr) break;
                        if (Passes > _options.MaxPasses) throw new MaxPassesException();
                    }
                }
                for (int i = 0; i < _n; i++)
                {
                    double f = _f[i];
                    _e[i] = _q[i] * Math.Exp(Math.CopySign(Math.Min(Math.Abs(f), MaxExponent), f));
                }
                _sets.Weights(_e, _w, _wr);
                bool moved = false;
                foreach (int k in _active)
                {
                    double del = _a[k] - _as[k];
                    if (_v[k] * del * del < cthr) continue;
                    moved = true;
                    break;
                }
                if (moved) continue;
                bool violated = false;
                for (int k = 0; k < _p; k++)
                {
                    if (_strong[k] || !_usable[k]) continue;
                    _ga[k] = Math.Abs(LogisticLasso.Dot(_wr, _z[k]));
                    if (_ga[k] > sa) { _strong[k] = true; violated = true; }
                }
                if (!violated) return;
            }
        }

        /// <summary>One coordinate-descent pass over the strong set (full) or the active set; returns the largest v·Δβ².</summary>
        private double Pass(bool full, double sa, double omal)
        {
            Passes++;
            double dli = 0;
            if (full)
            {
                for (int k = 0; k < _p; k++) if (_strong[k]) dli = Math.Max(dli, Update(k, sa, omal, full));
            }
            else
            {
                for (int a = 0; a < _active.Count; a++) dli = Math.Max(dli, Update(_active[a], sa, omal, full));
            }
            return dli;
        }

        private double Update(int j, double sa, double omal, bool full)
        {
            double old = _a[j];
            double u = old * _v[j] + LogisticLasso.Dot(_wr, _z[j]);
            double at = Math.Abs(u) <= sa ? 0.0 : Math.Max(-Big, Math.Min(Big, Math.CopySign(Math.Abs(u) - sa, u) / (_v[j] + omal)));
            if (at == old) return 0;
            double del = at - old;
            _a[j] = at;
            var x = _z[j];
            for (int i = 0; i < _n; i++)
            {
                _wr[i] -= del * _w[i] * x[i];
                _f[i] += del * x[i];
            }
            if (full && _activeIndex[j] == 0)
            {
                _active.Add(j);
                _activeIndex[j] = _active.Count;
            }
            return _v[j] * del * del;
        }

        private double WeightedSquares(double[] w, double[] x)
        {
            for (int i = 0; i < x.Length; i++) _wz[i] = w[i] * x[i];
            return LogisticLasso.Dot(_wz, x);
        }
    }

    private sealed class MaxPassesException : Exception;
}
