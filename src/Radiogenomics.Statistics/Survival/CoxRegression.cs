using System.Runtime.Intrinsics;

namespace Radiogenomics.Statistics;

/// <summary>
/// Cox proportional hazards regression by Newton–Raphson on the partial likelihood, as R's <c>coxph</c>
/// (survival 3.5, <c>coxfit6</c>): covariates centred, β starts at 0, step halving when the log-likelihood falls,
/// stop when |1 − ℓ_old/ℓ_new| ≤ 1e-9 (at most 20 iterations); Efron (default) or Breslow ties; strata each with
/// their own baseline hazard. The score test is taken at β = 0, the variance is the inverse information at the estimate.
/// </summary>
public static class CoxRegression
{
    public const double Tolerance = 1e-9;
    public const int MaxIterations = 20;

    // One workspace per thread, grown to the largest fit it has seen: repeated fits (subgroups, folds, screens by the
    // single-fit path) allocate only their results.
    [ThreadStatic] private static Workspace? _workspace;

    /// <summary>Fits the model; <paramref name="covariates"/> holds one array per covariate, each of length n.</summary>
    public static CoxFit Fit(SurvivalSample sample, IReadOnlyList<double[]> covariates, CoxTies ties = CoxTies.Efron, bool concordance = true)
    {
        int n = sample.Count, p = covariates.Count;
        if (p == 0) throw new ArgumentException("at least one covariate is needed.", nameof(covariates));
        for (int j = 0; j < p; j++)
            if (covariates[j].Length != n) throw new ArgumentException($"covariate {j} has {covariates[j].Length} values for {n} subjects.", nameof(covariates));
        var work = _workspace ??= new Workspace();
        work.Load(sample, covariates, ties);
        var means = work.Means;

        // Newton–Raphson without allocations: the accepted (β, u, I) and the candidate's live in two buffer sets that swap.
        var beta = new double[p];
        var newBeta = new double[p];
        var u = new double[p];
        var newU = new double[p];
        var information = new double[p * p];
        var newInformation = new double[p * p];
        var factor = new double[p * p];
        var step = new double[p];
        double loglik = work.Evaluate(beta, u, information);
        double loglikNull = loglik;
        if (!SymmetricPositiveDefinite.TryFactor(information, p, factor)) return Failed(sample, p, loglikNull, double.NaN);
        Array.Copy(u, step, p);
        SymmetricPositiveDefinite.Solve(factor, p, step);
        double score = Dot(u, step);
        for (int j = 0; j < p; j++) newBeta[j] = beta[j] + step[j];
        bool converged = false;
        int iteration = 0, halving = 0;
        while (iteration < MaxIterations)
        {
            iteration++;
            double newLoglik = work.Evaluate(newBeta, newU, newInformation);
            bool finite = double.IsFinite(newLoglik);
            if (finite && Math.Abs(1 - loglik / newLoglik) <= Tolerance && halving == 0)
            {
                Array.Copy(newBeta, beta, p);
                loglik = newLoglik;
                (information, newInformation) = (newInformation, information);
                converged = true;
                break;
            }
            if (!finite || newLoglik < loglik)
            {
                // worse: step halfway back towards the last good β (coxfit6's halving)
                halving++;
                for (int j = 0; j < p; j++) newBeta[j] = (newBeta[j] + beta[j]) / 2;
                continue;
            }
            halving = 0;
            Array.Copy(newBeta, beta, p);
            loglik = newLoglik;
            (information, newInformation) = (newInformation, information);
            (u, newU) = (newU, u);
            if (!SymmetricPositiveDefinite.TryFactor(information, p, factor)) break;
            Array.Copy(u, step, p);
            SymmetricPositiveDefinite.Solve(factor, p, step);
            for (int j = 0; j < p; j++) newBeta[j] = beta[j] + step[j];
        }

        var finalFactor = SymmetricPositiveDefinite.TryFactor(information, p);
        if (finalFactor is null) return Failed(sample, p, loglikNull, score);
        var covariance = finalFactor.Inverse();
        var se = new double[p];
        for (int j = 0; j < p; j++) se[j] = Math.Sqrt(covariance[j * p + j]);
        double wald = Dot(beta, Multiply(information, beta, p)); // b' V⁻¹ b with V⁻¹ the information

        var linearPredictor = new double[n];
        for (int j = 0; j < p; j++)
        {
            double b = beta[j], m = means[j];
            var column = covariates[j];
            for (int i = 0; i < n; i++) linearPredictor[i] += b * (column[i] - m);
        }
        return new CoxFit
        {
            Coefficients = beta, StandardErrors = se, Covariance = covariance,
            Count = n, EventCount = sample.EventCount,
            LogLikelihoodNull = loglikNull, LogLikelihood = loglik, Wald = wald, Score = score,
            Iterations = iteration, Converged = converged,
            LinearPredictor = linearPredictor,
            Concordance = concordance ? HarrellConcordance.Compute(sample, linearPredictor) : null,
        };
    }

    private static CoxFit Failed(SurvivalSample sample, int p, double loglikNull, double score) => new()
    {
        Coefficients = Enumerable.Repeat(double.NaN, p).ToArray(), StandardErrors = Enumerable.Repeat(double.NaN, p).ToArray(),
        Covariance = Enumerable.Repeat(double.NaN, p * p).ToArray(), Count = sample.Count, EventCount = sample.EventCount,
        LogLikelihoodNull = loglikNull, LogLikelihood = double.NaN, Wald = double.NaN, Score = score, Iterations = 0, Converged = false,
        LinearPredictor = new double[sample.Count],
    };

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[] Multiply(double[] matrix, double[] v, int p)
    {
        var r = new double[p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) r[i] += matrix[i * p + j] * v[j];
        return r;
    }


    /// <summary>
    /// Partial log-likelihood, score and information at β over the sorted, centred data, as coxfit6 sums them but in vector
    /// code instead of a p² update per subject: the risk-set sums Σr and Σr·x of each block with deaths are reverse cumulative
    /// sums of r·(1, x) over rows (reset at each stratum; one backward pass with all p + 1 sums in vector lanes, so the
    /// additions do not wait on each other), the Efron terms are scalars per block, and the second moments Σ_t (C_t − f·C2_t)/d2
    /// are one weighted Gram matrix Xᵀ diag(ω) X with ω_k = r_k·(Σ of s0 = Σ_d 1/d2 over the blocks up to k's, less k's own
    /// block's s1 = Σ_d f/d2 when k died); Σ x̄x̄ᵀ is a Gram matrix of the blocks' risk sums. The same sums as coxfit6's in
    /// another order (they agree to rounding).
    /// </summary>
    private sealed class Workspace
    {
        private int _n, _p, _stride, _deathBlocks, _segments;
        private CoxTies _ties;
        private double[][] _x = [];                  // centred, sorted, one array per covariate
        private double[] _rows = [];                 // the same by rows: row k is (1, x_1k, …, x_pk, zero padding), _stride wide
        private int[] _status = [];
        private int[] _segmentStart = [], _segmentEnd = [], _firstBlockOfSegment = []; // strata in sorted order
        private int[] _blockStart = [], _blockDeaths = [];  // blocks (stratum, time) with deaths; deaths come first in a block
        private double[] _deathSum = [];             // Σ x over the deaths (does not depend on β)
        private double[] _eta = [], _risk = [], _omega = [], _work = [];
        private double[] _s0 = [], _s1 = [], _t0 = [], _t1 = [], _t2 = [];  // per block: Σ 1/d2, Σ f/d2, Σ 1/d2², Σ f/d2², Σ f²/d2²
        private double[][] _a = [], _a2 = [];        // per block, for (1, x_1, …, x_p): Σ r·x over the risk set and over the block's deaths
        private double[] _v1 = [], _v2 = [];
        private double[] _logArgument = [], _logWeight = []; // one denominator per death with Efron (per block with Breslow), logged in vector code

        /// <summary>Sorts and centres the covariates and finds the strata and the blocks with deaths, in buffers kept from earlier fits.</summary>
        public void Load(SurvivalSample sample, IReadOnlyList<double[]> covariates, CoxTies ties)
        {
            int n = sample.Count, p = covariates.Count;
            _n = n; _p = p; _ties = ties;
            int stride = _stride = (p + 1 + Vector256<double>.Count - 1) / Vector256<double>.Count * Vector256<double>.Count;
            var order = sample.Order;
            _status = sample.SortedStatus;
            Grow(ref _means, p);
            Grow(ref _deathSum, p);
            Grow(ref _rows, n * stride);
            Grow(ref _x, p, n);
            for (int k = 0; k < n; k++)
            {
                _rows[k * stride] = 1;
                for (int c = p + 1; c < stride; c++) _rows[k * stride + c] = 0;
            }
            for (int j = 0; j < p; j++)
            {
                var column = covariates[j];
                double mean = 0;
                for (int i = 0; i < n; i++) mean += column[i];
                mean /= n;
                _means[j] = mean;
                var x = _x[j];
                double deathSum = 0;
                for (int k = 0; k < n; k++)
                {
                    double v = column[order[k]] - mean;
                    x[k] = v;
                    _rows[k * stride + j + 1] = v;
                    if (_status[k] != 0) deathSum += v;
                }
                _deathSum[j] = deathSum;
            }

            var time = sample.SortedTime;
            var stratum = sample.SortedStratum;
            Grow(ref _segmentStart, n); Grow(ref _segmentEnd, n); Grow(ref _firstBlockOfSegment, n + 1);
            Grow(ref _blockStart, n); Grow(ref _blockDeaths, n);
            int segments = 0, blocks = 0;
            for (int k = 0; k < n;)
            {
                if (k == 0 || stratum[k - 1] != stratum[k])
                {
                    if (k > 0) _segmentEnd[segments - 1] = k;
                    _segmentStart[segments] = k;
                    _firstBlockOfSegment[segments++] = blocks;
                }
                int e = k + 1;
                while (e < n && time[e] == time[k] && stratum[e] == stratum[k]) e++;
                int d = 0;
                for (int i = k; i < e; i++) d += _status[i];
                if (d > 0) { _blockStart[blocks] = k; _blockDeaths[blocks++] = d; }
                k = e;
            }
            if (segments > 0) _segmentEnd[segments - 1] = n;
            _firstBlockOfSegment[segments] = blocks;
            _segments = segments;
            _deathBlocks = blocks;
            Grow(ref _eta, n); Grow(ref _risk, n); Grow(ref _omega, n); Grow(ref _work, n);
            Grow(ref _s0, blocks); Grow(ref _s1, blocks); Grow(ref _t0, blocks); Grow(ref _t1, blocks); Grow(ref _t2, blocks);
            Grow(ref _a, p + 1, blocks); Grow(ref _a2, p + 1, blocks);
            Grow(ref _v1, blocks); Grow(ref _v2, blocks);
            Grow(ref _logArgument, Math.Max(1, sample.EventCount)); Grow(ref _logWeight, Math.Max(1, sample.EventCount));
        }

        private static void Grow<T>(ref T[] buffer, int size)
        {
            if (buffer.Length < size) buffer = new T[size];
        }

        private static void Grow(ref double[][] buffers, int count, int size)
        {
            if (buffers.Length < count) Array.Resize(ref buffers, count);
            for (int j = 0; j < count; j++)
                if (buffers[j] is null || buffers[j].Length < size) buffers[j] = new double[size];
        }

        private double[] _means = [];

        /// <summary>The covariates' means (the first p entries).</summary>
        public double[] Means => _means;

        /// <summary>Fills <paramref name="u"/> (p) and <paramref name="information"/> (p×p) at β; returns the log-likelihood.</summary>
        public double Evaluate(double[] beta, double[] u, double[] information)
        {
            int n = _n, p = _p, stride = _stride, blocks = _deathBlocks;
            bool efron = _ties == CoxTies.Efron;
            Array.Clear(_eta, 0, n);
            for (int j = 0; j < p; j++) VectorKernels.AddScaled(_eta, beta[j], _x[j], n);
            VectorKernels.Exp(_eta, _risk, n);
            double loglik = 0;
            for (int j = 0; j < p; j++) loglik += beta[j] * _deathSum[j];

            RiskSums();
            // the Efron (or Breslow) terms of each block with deaths, from its risk-set and death sums of r
            int logs = 0;
            for (int b = 0; b < blocks; b++)
            {
                double denominator = _a[0][b], denominator2 = _a2[0][b];
                int deaths = _blockDeaths[b];
                double s0 = 0, s1 = 0, t0 = 0, t1 = 0, t2 = 0;
                if (efron)
                {
                    for (int d = 0; d < deaths; d++)
                    {
                        double f = (double)d / deaths;
                        double d2 = denominator - f * denominator2;
                        _logArgument[logs++] = d2;
                        double inv = 1 / d2, inv2 = inv * inv;
                        s0 += inv; s1 += f * inv;
                        t0 += inv2; t1 += f * inv2; t2 += f * f * inv2;
                    }
                }
                else
                {
                    _logWeight[logs] = deaths;
                    _logArgument[logs++] = denominator;
                    s0 = deaths / denominator;
                    t0 = s0 / denominator;
                }
                _s0[b] = s0; _s1[b] = s1; _t0[b] = t0; _t1[b] = t1; _t2[b] = t2;
            }
            loglik -= efron ? VectorKernels.SumOfLogs(_logArgument, logs) : VectorKernels.WeightedSumOfLogs(_logWeight, _logArgument, logs);

            // score: Σ_deaths x − Σ_blocks (a·s0 − a2·s1)
            for (int j = 0; j < p; j++) u[j] = _deathSum[j] - Dot(_a[j + 1], _s0, blocks) + Dot(_a2[j + 1], _s1, blocks);

            // each subject's weight in Σ_t (C_t·s0_t − C2_t·s1_t): the s0 of the blocks up to its own, less its block's s1 if it died
            for (int g = 0; g < _segments; g++)
            {
                int b = _firstBlockOfSegment[g], last = _firstBlockOfSegment[g + 1];
                double w = 0, s1 = 0;
                for (int k = _segmentStart[g]; k < _segmentEnd[g]; k++)
                {
                    if (b < last && k == _blockStart[b]) { w += _s0[b]; s1 = _s1[b]; b++; }
                    _omega[k] = _risk[k] * (_status[k] != 0 ? w - s1 : w);
                }
            }

            // information: Xᵀ diag(ω) X − Σ_blocks (t0·a aᵀ − t1·(a a2ᵀ + a2 aᵀ) + t2·a2 a2ᵀ)
            for (int i = 0; i < p; i++)
            {
                VectorKernels.Multiply(_omega, _x[i], _work, n);
                var ai = _a[i + 1];
                var a2i = _a2[i + 1];
                if (efron)
                {
                    VectorKernels.MultiplySubtract(_t0, ai, _t1, a2i, _v1, blocks);
                    VectorKernels.MultiplySubtract(_t2, a2i, _t1, ai, _v2, blocks);
                }
                else VectorKernels.Multiply(_t0, ai, _v1, blocks);
                for (int j = 0; j <= i; j++)
                {
                    double value = Dot(_work, _x[j], n) - Dot(_v1, _a[j + 1], blocks);
                    if (efron) value -= Dot(_v2, _a2[j + 1], blocks);
                    information[i * p + j] = value;
                    information[j * p + i] = value;
                }
            }
            return loglik;
        }

        /// <summary>
        /// Per block with deaths: Σ r·(1, x) over its risk set (the subjects of its stratum from its start on) into
        /// <see cref="_a"/> and over its deaths into <see cref="_a2"/>. The risk-set sums in one backward pass per stratum
        /// over the rows, each of the p + 1 running sums in its own vector lane, so that the additions do not wait on each other.
        /// </summary>
        private void RiskSums()
        {
            int p = _p, stride = _stride, lanes = Vector256<double>.Count;
            var rows = _rows;
            var risk = _risk;
            for (int b = 0; b < _deathBlocks; b++)
            {
                int start = _blockStart[b], end = start + _blockDeaths[b];
                double s = 0;
                for (int k = start; k < end; k++) s += risk[k];
                _a2[0][b] = s;
            }
            for (int j = 0; j < p; j++)
            {
                var x = _x[j];
                var deathSet = _a2[j + 1];
                for (int b = 0; b < _deathBlocks; b++)
                {
                    int start = _blockStart[b], end = start + _blockDeaths[b];
                    double s = 0;
                    for (int k = start; k < end; k++) s += risk[k] * x[k];
                    deathSet[b] = s;
                }
            }
            Span<double> sums = stackalloc double[stride];
            for (int g = 0; g < _segments; g++)
            {
                int b = _firstBlockOfSegment[g + 1] - 1, first = _firstBlockOfSegment[g];
                if (stride == 2 * lanes)
                {
                    // p ≤ 7, the usual case: the running sums in two registers
                    Vector256<double> s0 = Vector256<double>.Zero, s1 = Vector256<double>.Zero;
                    for (int k = _segmentEnd[g] - 1; k >= _segmentStart[g]; k--)
                    {
                        var r = Vector256.Create(risk[k]);
                        s0 += r * Vector256.Create(rows, k * stride);
                        s1 += r * Vector256.Create(rows, k * stride + lanes);
                        if (b >= first && k == _blockStart[b])
                        {
                            s0.CopyTo(sums);
                            s1.CopyTo(sums[lanes..]);
                            for (int j = 0; j <= p; j++) _a[j][b] = sums[j];
                            b--;
                        }
                    }
                }
                else
                {
                    sums.Clear();
                    for (int k = _segmentEnd[g] - 1; k >= _segmentStart[g]; k--)
                    {
                        var r = Vector256.Create(risk[k]);
                        for (int c = 0; c < stride; c += lanes)
                            (Vector256.Create((ReadOnlySpan<double>)sums[c..]) + r * Vector256.Create(rows, k * stride + c)).CopyTo(sums[c..]);
                        if (b >= first && k == _blockStart[b])
                        {
                            for (int j = 0; j <= p; j++) _a[j][b] = sums[j];
                            b--;
                        }
                    }
                }
            }
        }

        /// <summary>Σ a_i b_i in four vector accumulators, so that the additions overlap.</summary>
        private static double Dot(double[] a, double[] b, int n)
        {
            const int w = 4; // Vector256<double>.Count
            var s0 = Vector256<double>.Zero;
            var s1 = Vector256<double>.Zero;
            var s2 = Vector256<double>.Zero;
            var s3 = Vector256<double>.Zero;
            int i = 0;
            for (; i <= n - 4 * w; i += 4 * w)
            {
                s0 += Vector256.Create(a, i) * Vector256.Create(b, i);
                s1 += Vector256.Create(a, i + w) * Vector256.Create(b, i + w);
                s2 += Vector256.Create(a, i + 2 * w) * Vector256.Create(b, i + 2 * w);
                s3 += Vector256.Create(a, i + 3 * w) * Vector256.Create(b, i + 3 * w);
            }
            for (; i <= n - w; i += w) s0 += Vector256.Create(a, i) * Vector256.Create(b, i);
            double s = Vector256.Sum((s0 + s1) + (s2 + s3));
            for (; i < n; i++) s += a[i] * b[i];
            return s;
        }
    }
}
