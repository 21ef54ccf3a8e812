using System.Numerics;

namespace Radiogenomics.Statistics;

/// <summary>
/// Penalised logistic regression, the same algorithm as <c>glmnet(family = "binomial")</c> 4.1 (two-class, dense x, unit
/// weights, <c>type.logistic = "Newton"</c>): features centred and scaled by their 1/n SD; an IRLS outer loop whose
/// weighted least-squares problem is solved by cyclic coordinate descent over the strong set, then the active set until
/// the largest weighted squared change (xv·Δβ², and Σv·Δβ₀² for the intercept) is below thresh × null deviance; the IRLS
/// stops when no coefficient moved by more than that and the KKT conditions hold for every feature outside the strong set.
/// The λ sequence starts at λ_max = max|x̃ᵀ(y − ȳ)|/(n·max(α, 1e-3)) and falls log-linearly to λ_max × lambda.min.ratio;
/// the path stops early (after 5 steps) when the deviance ratio gains less than 1e-5 or exceeds 0.999.
/// </summary>
public static class LogisticLasso
{
    private const double MinProbability = 1e-9;           // pmin
    private const double SingleRounding = 1.01 / (1 << 24); // |(float)z − z| ≤ 2⁻²⁴|z|, with room

    /// <summary>
    /// Fits the path. <paramref name="columns"/>: one array of n values per feature; <paramref name="y"/>: 0/1 per row.
    /// Throws <see cref="ArgumentException"/> when y has one class (glmnet's error) or a value other than 0/1.
    /// </summary>
    public static LogisticLassoPath Fit(IReadOnlyList<double[]> columns, ReadOnlySpan<double> y, LogisticLassoOptions? options = null) =>
        Fit(columns, null, y, options);

    /// <summary>
    /// The path on the rows <paramref name="rows"/> of <paramref name="columns"/> (all rows when null; y has one label per
    /// selected row): a fold's training set without copying the columns first.
    /// </summary>
    internal static LogisticLassoPath Fit(IReadOnlyList<double[]> columns, int[]? rows, ReadOnlySpan<double> y, LogisticLassoOptions? options)
    {
        options ??= new LogisticLassoOptions();
        int p = columns.Count, n = y.Length;
        if (p == 0) throw new ArgumentException("no features", nameof(columns));
        if (rows is not null && rows.Length != n) throw new ArgumentException("one label per selected row is needed", nameof(y));
        if (rows is null)
            foreach (var c in columns) if (c.Length != n) throw new ArgumentException("every feature column needs one value per row", nameof(columns));
        int cases = 0;
        foreach (double v in y)
        {
            if (v != 0 && v != 1) throw new ArgumentException($"labels must be 0 or 1, found {v}", nameof(y));
            if (v == 1) cases++;
        }
        if (cases <= 1 || n - cases <= 1)
            throw new ArgumentException($"one class has {Math.Min(cases, n - cases)} observations; a binomial fit needs at least 2 of each", nameof(y));

        // Standardise (glmnet's lstandardize1 with unit weights w = 1/n); constant columns are left out (chkvars).
        double w = 1.0 / n;
        var z = new double[p][];
        var zSingle = new float[p][];
        var gathered = rows is null ? null : new double[n];
        var mean = new double[p];
        var scale = new double[p];
        var usable = new bool[p];
        var norm = new double[p];
        for (int j = 0; j < p; j++)
        {
            var x = columns[j];
            if (gathered is not null)
            {
                for (int i = 0; i < n; i++) gathered[i] = x[rows![i]];
                x = gathered;
            }
            // three passes instead of five, each sum in the same order as before (so the same rounding)
            bool constant = true;
            double first = x[0], m = 0;
            for (int i = 0; i < n; i++)
            {
                double xi = x[i];
                constant &= xi == first;
                m += w * xi;
            }
            usable[j] = !constant;
            var c = GC.AllocateUninitializedArray<double>(n);
            double ss = 0;
            for (int i = 0; i < n; i++)
            {
                double ci = x[i] - m;
                c[i] = ci;
                ss += w * ci * ci;
            }
            double s = options.Standardize ? Math.Sqrt(ss) : 1;
            var single = GC.AllocateUninitializedArray<float>(n);
            // scale (a division rounds the same in vector and scalar code), the single-precision copy and Σz² in one pass
            double divisor = options.Standardize && usable[j] ? s : 1;
            var vs = new Vector<double>(divisor);
            var vsq = Vector<double>.Zero;
            int i0 = 0;
            if (Vector.IsHardwareAccelerated)
                for (; i0 <= n - Vector<float>.Count; i0 += Vector<float>.Count)
                {
                    var low = new Vector<double>(c, i0) / vs;
                    var high = new Vector<double>(c, i0 + Vector<double>.Count) / vs;
                    low.CopyTo(c, i0);
                    high.CopyTo(c, i0 + Vector<double>.Count);
                    Vector.Narrow(low, high).CopyTo(single, i0);
                    vsq += low * low + high * high;
                }
            double squares = Vector.Dot(vsq, Vector<double>.One);
            for (; i0 < n; i0++)
            {
                double ci = c[i0] / divisor;
                c[i0] = ci;
                single[i0] = (float)ci;
                squares += ci * ci;
            }
            norm[j] = Math.Sqrt(squares) * (1 + 1e-12); // an upper bound of ‖z_j‖ (the sum's rounding is below n·ε)
            mean[j] = m;
            scale[j] = s;
            z[j] = c;
            zSingle[j] = single;
        }

        var schedule = new GlmnetLambdaSchedule(options, n, p);
        var solver = new Solver(z, zSingle, norm, y.ToArray(), usable, options, schedule);
        solver.Run();

        // Back to the original scale: β_j / sd_j, intercept − Σ β_j·mean_j.
        int steps = solver.Steps;
        var lambda = solver.Lambda.AsSpan(0, steps).ToArray();
        schedule.FixFirst(lambda);
        var intercept = new double[steps];
        var beta = new double[steps][];
        var df = new int[steps];
        for (int m = 0; m < steps; m++)
        {
            var b = solver.Beta[m];
            double a0 = solver.Intercept[m];
            for (int j = 0; j < p; j++)
            {
                if (b[j] == 0) continue;
                b[j] /= scale[j];
                a0 -= b[j] * mean[j];
                df[m]++;
            }
            beta[m] = b;
            intercept[m] = a0;
        }
        return new LogisticLassoPath(lambda, intercept, beta, df, solver.DevianceRatio.AsSpan(0, steps).ToArray(),
            2 * n * solver.NullDevianceNormalised, solver.Passes, solver.Warning);
    }

    /// <summary>The state of one path fit (glmnetpp's ElnetPointInternalBinomialTwoClass and the path driver).</summary>
    private sealed class Solver
    {
        private readonly double[][] _z;
        private readonly double[] _y;
        private readonly bool[] _usable;
        private readonly LogisticLassoOptions _options;
        private readonly GlmnetLambdaSchedule _schedule;
        private readonly int _n, _p;
        private readonly double _w;
        private readonly double[] _b, _bs, _xv, _ga, _q, _v, _r, _eta;
        // Screening of the strong-rule and KKT decisions (the decisions, hence the path, are glmnet's exactly): glmnet
        // compares |z_kᵀr| at the last check with a threshold for every feature outside the strong set. Here _ga[k] is
        // that value to within _gaErr[k] at the check where the running drift (_drift: Σ‖Δr‖ over the checks so far) was
        // _gaDrift[k]; since |z_kᵀr| moves by at most
        // ‖z_k‖·‖Δr‖ (Cauchy–Schwarz), a bound below the threshold decides "no" without a dot product; otherwise a dot
        // product with the single-precision copy of z_k (half the memory traffic, error ≤ 2⁻²⁴‖z_k‖‖r‖) decides unless it
        // lands within its error of the threshold, and only then is the double-precision value computed.
        private readonly float[][] _zSingle;
        private readonly double[] _norm, _gaErr, _gaDrift, _rCheck;
        private double _drift, _rCheckNorm, _rNormMax;
        private readonly bool[] _strong;
        private readonly int[] _activeIndex; // position in _active + 1, 0 when not active
        private readonly List<int> _active = new();
        private double _b0, _bs0, _xmz, _dlx, _thr, _dev1;
        private readonly double _fmax, _vmin;

        public Solver(double[][] z, float[][] zSingle, double[] norm, double[] y, bool[] usable, LogisticLassoOptions options, GlmnetLambdaSchedule schedule)
        {
            _z = z; _zSingle = zSingle; _y = y; _usable = usable; _options = options; _schedule = schedule;
            _n = y.Length; _p = z.Length; _w = 1.0 / _n;
            _b = new double[_p]; _bs = new double[_p]; _xv = new double[_p]; _ga = new double[_p];
            _q = new double[_n]; _v = new double[_n]; _r = new double[_n]; _eta = new double[_n];
            _norm = norm; _gaErr = new double[_p]; _gaDrift = new double[_p]; _rCheck = new double[_n];
            _strong = new bool[_p]; _activeIndex = new int[_p];
            _fmax = Math.Log(1.0 / MinProbability - 1.0);
            _vmin = (1.0 + MinProbability) * MinProbability * (1.0 - MinProbability);
            int count = schedule.Count;
            Lambda = new double[count];
            Intercept = new double[count];
            Beta = new double[count][];
            DevianceRatio = new double[count];
        }

        public double[] Lambda { get; }
        public double[] Intercept { get; }
        public double[][] Beta { get; }
        public double[] DevianceRatio { get; }
        public int Steps { get; private set; }
        public int Passes { get; private set; }
        public double NullDevianceNormalised { get; private set; }
        public string? Warning { get; private set; }

        public void Run()
        {
            double alpha = _options.Alpha;
            int nlam = _schedule.Count;

            // Start at the intercept-only model.
            double q0 = 0;
            for (int i = 0; i < _n; i++) q0 += _w * _y[i];
            _b0 = Math.Log(q0 / (1 - q0));
            double vi = q0 * (1 - q0);
            for (int i = 0; i < _n; i++) { _v[i] = vi * _w; _r[i] = _w * (_y[i] - q0); _q[i] = q0; }
            _xmz = vi;
            _dev1 = -(_b0 * q0 + Math.Log(1 - q0));
            double dev0 = _dev1; // + Σ w·y·log y terms, all 0 for 0/1 labels
            NullDevianceNormalised = dev0;
            _thr = _options.Threshold * dev0;
            for (int j = 0; j < _p; j++) if (_usable[j]) _ga[j] = Math.Abs(Dot(_r, _z[j]));
            Array.Copy(_r, _rCheck, _n);
            _rNormMax = _rCheckNorm = Math.Sqrt(Dot(_r, _r));

            double current = 0;
            for (int m = 0; m < nlam; m++)
            {
                var (lam, previous) = _schedule.Next(m, current, () =>
                {
                    double max = 0;
                    for (int j = 0; j < _p; j++) if (_usable[j]) { MakeExact(j); max = Math.Max(max, _ga[j]); }
                    return max;
                });
                current = lam;
                double l1 = lam * alpha, l2 = lam * (1 - alpha);
                try
                {
                    FitPoint(l1, l2, alpha * (2 * lam - previous));
                }
                catch (MaxPassesException)
                {
                    Warning = $"convergence for {m + 1}th lambda value not reached after maxit={_options.MaxPasses} iterations; solutions for larger lambdas returned";
                    return;
                }

                var beta = new double[_p];
                int nonZero = 0;
                foreach (int k in _active) { beta[k] = _b[k]; if (_b[k] != 0) nonZero++; }
                Beta[m] = beta;
                Intercept[m] = _b0;
                Lambda[m] = lam;
                DevianceRatio[m] = (_dev1 - Deviance()) / dev0;
                Steps = m + 1;
                // The binomial path compares the absolute gain in deviance ratio with fdev.
                double gain = DevianceRatio[m] - (m == 0 ? 0 : DevianceRatio[m - 1]);
                if (_schedule.ShouldStop(m, nonZero, _p + 1, gain, DevianceRatio[m])) break;
                if (Steps >= _schedule.MinimumSteps && !_schedule.UserGiven && _xmz <= _vmin) break;
            }
        }

        /// <summary>One λ: strong-set screen, then IRLS with coordinate descent.</summary>
        private void FitPoint(double l1, double l2, double strongThreshold)
        {
            for (int k = 0; k < _p; k++)
                if (!_strong[k] && _usable[k] && Exceeds(k, strongThreshold)) _strong[k] = true;
            while (true)
            {
                if (Passes > _options.MaxPasses) throw new MaxPassesException();
                // WLS set-up: remember the coefficients, the weighted variances of the strong set (Newton: kopt = 0).
                _bs0 = _b0;
                foreach (int k in _active) _bs[k] = _b[k];
                for (int j = 0; j < _p; j++) if (_strong[j]) _xv[j] = WeightedSquares(_v, _z[j]);
                // WLS by coordinate descent: a pass over the strong set, then passes over the active set until converged.
                while (true)
                {
                    if (Pass(full: true, l1, l2)) break;
                    while (!Pass(full: false, l1, l2)) { }
                }
                // IRLS update: probabilities, weights, residuals.
                // The linear predictor column by column (contiguous, vectorised), then the clamped logistic.
                Array.Fill(_eta, _b0);
                foreach (int k in _active) AddScaled(_eta, _b[k], _z[k]);
                for (int i = 0; i < _n; i++)
                {
                    double f = _eta[i];
                    _q[i] = f < -_fmax ? 0.0 : f > _fmax ? 1.0 : 1.0 / (1.0 + Math.Exp(-f));
                }
                double xmz = 0;
                for (int i = 0; i < _n; i++) { _v[i] = _w * _q[i] * (1 - _q[i]); xmz += _v[i]; }
                _xmz = xmz;
                if (_xmz <= _vmin) return;
                for (int i = 0; i < _n; i++) _r[i] = _w * (_y[i] - _q[i]);
                double d0 = _b0 - _bs0;
                bool moved = _xmz * d0 * d0 > _thr;
                if (!moved)
                    foreach (int k in _active)
                    {
                        double d = _b[k] - _bs[k];
                        if (_xv[k] * d * d > _thr) { moved = true; break; }
                    }
                if (moved) continue;
                // Converged on the strong set: check the KKT conditions outside it (glmnet computes |z_kᵀr| for every
                // feature outside the strong set here; only those whose bound reaches λ·α need it to decide).
                double moved2 = 0;
                for (int i = 0; i < _n; i++) { double d = _r[i] - _rCheck[i]; moved2 += d * d; }
                _drift += Math.Sqrt(moved2) * (1 + 1e-12);
                Array.Copy(_r, _rCheck, _n);
                _rCheckNorm = Math.Sqrt(Dot(_r, _r));
                _rNormMax = Math.Max(_rNormMax, _rCheckNorm);
                bool violated = false;
                for (int k = 0; k < _p; k++)
                {
                    if (_strong[k] || !_usable[k] || !Exceeds(k, l1)) continue;
                    _strong[k] = true;
                    violated = true;
                }
                if (!violated) return;
            }
        }

        /// <summary>One coordinate-descent pass; true when converged (largest weighted squared change below the threshold).</summary>
        private bool Pass(bool full, double l1, double l2)
        {
            Passes++;
            _dlx = 0;
            if (full)
            {
                for (int k = 0; k < _p; k++) if (_strong[k]) Update(k, l1, l2, full);
            }
            else
            {
                for (int a = 0; a < _active.Count; a++) Update(_active[a], l1, l2, full);
            }
            double sum = 0;
            for (int i = 0; i < _n; i++) sum += _r[i];
            double d = sum / _xmz;
            if (d != 0)
            {
                _b0 += d;
                _dlx = Math.Max(_dlx, _xmz * d * d);
                AddScaled(_r, -d, _v);
            }
            if (_dlx < _thr) return true;
            if (Passes > _options.MaxPasses) throw new MaxPassesException();
            return false;
        }

        private void Update(int k, double l1, double l2, bool full)
        {
            double old = _b[k];
            double gk = Dot(_r, _z[k]);
            double u = gk + old * _xv[k];
            double v = Math.Abs(u) - l1;
            double updated = v > 0 ? Math.CopySign(v, u) / (_xv[k] + l2) : 0.0;
            _b[k] = updated;
            if (updated == old) return;
            if (full && _activeIndex[k] == 0)
            {
                _active.Add(k);
                _activeIndex[k] = _active.Count;
            }
            double d = updated - old;
            _dlx = Math.Max(_dlx, _xv[k] * d * d);
            SubtractScaledProduct(_r, d, _v, _z[k]);
        }

        /// <summary>glmnet's decision |z_kᵀr| &gt; <paramref name="threshold"/> at the last check's residual, by the cheapest sufficient test.</summary>
        private bool Exceeds(int k, double threshold)
        {
            double drift = _drift - _gaDrift[k];
            // room for the rounding of the bounds and of the double-precision dot product itself
            double slack = 1e-9 * threshold + _n * 4e-16 * _norm[k] * _rNormMax;
            if (_ga[k] + _gaErr[k] + _norm[k] * drift + slack < threshold) return false;
            if (drift != 0)
            {
                _ga[k] = Math.Abs(DotSingle(_rCheck, _zSingle[k]));
                _gaErr[k] = (SingleRounding + _n * 2.3e-16) * _norm[k] * _rCheckNorm + _n * 1.5e-45 * _rCheckNorm; // the last term: subnormal singles
                _gaDrift[k] = _drift;
                if (_ga[k] + _gaErr[k] + slack < threshold) return false;
            }
            if (_gaErr[k] != 0)
            {
                if (_ga[k] - _gaErr[k] - slack > threshold) return true;
                MakeExact(k);
            }
            return _ga[k] > threshold;
        }

        /// <summary>Makes _ga[k] the double-precision |z_kᵀr| at the last check, the value glmnet has.</summary>
        private void MakeExact(int k)
        {
            if (_gaDrift[k] == _drift && _gaErr[k] == 0) return;
            _ga[k] = Math.Abs(Dot(_rCheck, _z[k]));
            _gaErr[k] = 0;
            _gaDrift[k] = _drift;
        }

        /// <summary>glmnet's dev2: −Σ w (y log q + (1 − y) log(1 − q)) with q clamped to [pmin, 1 − pmin].</summary>
        private double Deviance()
        {
            double s = 0, pmax = 1 - MinProbability;
            for (int i = 0; i < _n; i++)
            {
                double q = Math.Min(Math.Max(MinProbability, _q[i]), pmax);
                s -= _w * (_y[i] * Math.Log(q) + (1 - _y[i]) * Math.Log(1 - q));
            }
            return s;
        }

        /// <summary>Σ (v_i·x_i)·x_i in one pass (the same products and lane order as a dot of v∘x with x).</summary>
        private static double WeightedSquares(double[] v, double[] x)
        {
            int n = x.Length, i = 0;
            var acc = Vector<double>.Zero;
            if (Vector.IsHardwareAccelerated)
                for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                {
                    var xi = new Vector<double>(x, i);
                    acc += new Vector<double>(v, i) * xi * xi;
                }
            double s = Vector.Dot(acc, Vector<double>.One);
            for (; i < n; i++) s += v[i] * x[i] * x[i];
            return s;
        }
    }

    /// <summary>Σ a_i b_i, vectorised (the solvers' shared kernel).</summary>
    internal static double Dot(double[] a, double[] b) => VectorKernels.Dot(a, b, a.Length);

    /// <summary>Σ a_i·(double)b_i with b in single precision (each product and the sum in double), vectorised.</summary>
    private static double DotSingle(double[] a, float[] b)
    {
        int n = a.Length, i = 0;
        var acc0 = Vector<double>.Zero;
        var acc1 = Vector<double>.Zero;
        if (Vector.IsHardwareAccelerated)
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(b, i), out var low, out var high);
                acc0 += low * new Vector<double>(a, i);
                acc1 += high * new Vector<double>(a, i + Vector<double>.Count);
            }
        double s = Vector.Dot(acc0 + acc1, Vector<double>.One);
        for (; i < n; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>y += a·x, vectorised.</summary>
    private static void AddScaled(double[] y, double a, double[] x)
    {
        int n = y.Length, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<double>(a);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(y, i) + va * new Vector<double>(x, i)).CopyTo(y, i);
        }
        for (; i < n; i++) y[i] += a * x[i];
    }

    /// <summary>r −= d·v∘z (the residual after a coordinate moved by d), vectorised.</summary>
    private static void SubtractScaledProduct(double[] r, double d, double[] v, double[] z)
    {
        int n = r.Length, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vd = new Vector<double>(d);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                (new Vector<double>(r, i) - vd * new Vector<double>(v, i) * new Vector<double>(z, i)).CopyTo(r, i);
        }
        for (; i < n; i++) r[i] -= d * v[i] * z[i];
    }

    private sealed class MaxPassesException : Exception;
}
