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

    /// <summary>Fits the model; <paramref name="covariates"/> holds one array per covariate, each of length n.</summary>
    public static CoxFit Fit(SurvivalSample sample, IReadOnlyList<double[]> covariates, CoxTies ties = CoxTies.Efron, bool concordance = true)
    {
        int n = sample.Count, p = covariates.Count;
        if (p == 0) throw new ArgumentException("at least one covariate is needed.", nameof(covariates));
        for (int j = 0; j < p; j++)
            if (covariates[j].Length != n) throw new ArgumentException($"covariate {j} has {covariates[j].Length} values for {n} subjects.", nameof(covariates));
        var work = new Workspace(sample, covariates, ties);
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
    /// Partial log-likelihood, score and information at β over the sorted, centred data, as coxfit6 sums them but column by
    /// column in vector code instead of a p² update per subject: the risk-set sums Σr and Σr·x of each block with deaths
    /// are reverse cumulative sums of r and r∘x (reset at each stratum), the Efron terms are scalars per block, and the
    /// second moments Σ_t (C_t − f·C2_t)/d2 are one weighted Gram matrix Xᵀ diag(ω) X with ω_k = r_k·(Σ of s0 = Σ_d 1/d2
    /// over the blocks up to k's, less k's own block's s1 = Σ_d f/d2 when k died); Σ x̄x̄ᵀ is a Gram matrix of the blocks'
    /// risk sums. The same sums as coxfit6's in another order (they agree to rounding).
    /// </summary>
    private sealed class Workspace
    {
        private readonly int _n, _p, _deathBlocks;
        private readonly CoxTies _ties;
        private readonly double[][] _x;              // centred, sorted, one array per covariate
        private readonly int[] _status;
        private readonly int[] _segmentStart, _segmentEnd; // strata in sorted order
        private readonly int[] _blockStart, _blockDeaths;  // blocks (stratum, time) with deaths; deaths come first in a block
        private readonly int[] _firstBlockOfSegment;
        private readonly double[] _deathSum;         // Σ x over the deaths (does not depend on β)
        private readonly double[] _eta, _risk, _omega, _work;
        private readonly double[] _s0, _s1, _t0, _t1, _t2;  // per block: Σ 1/d2, Σ f/d2, Σ 1/d2², Σ f/d2², Σ f²/d2²
        private readonly double[][] _a, _a2;         // per block: Σ r·x over the risk set and over the block's deaths
        private readonly double[] _v1, _v2;
        private readonly double[] _logArgument;      // one Efron denominator per death (Breslow: one per block), logged in vector code

        public Workspace(SurvivalSample sample, IReadOnlyList<double[]> covariates, CoxTies ties)
        {
            int n = sample.Count, p = covariates.Count;
            _n = n; _p = p; _ties = ties;
            var order = sample.Order;
            _status = sample.SortedStatus;
            Means = new double[p];
            _x = new double[p][];
            _deathSum = new double[p];
            for (int j = 0; j < p; j++)
            {
                var column = covariates[j];
                double mean = 0;
                for (int i = 0; i < n; i++) mean += column[i];
                mean /= n;
                Means[j] = mean;
                var x = new double[n];
                for (int k = 0; k < n; k++)
                {
                    double v = column[order[k]] - mean;
                    x[k] = v;
                    if (_status[k] != 0) _deathSum[j] += v;
                }
                _x[j] = x;
            }

            var time = sample.SortedTime;
            var stratum = sample.SortedStratum;
            var segmentStart = new List<int>();
            var segmentEnd = new List<int>();
            var firstBlock = new List<int>();
            var blockStart = new List<int>();
            var blockDeaths = new List<int>();
            for (int k = 0; k < n;)
            {
                if (k == 0 || stratum[k - 1] != stratum[k])
                {
                    if (k > 0) segmentEnd.Add(k);
                    segmentStart.Add(k);
                    firstBlock.Add(blockStart.Count);
                }
                int e = k + 1;
                while (e < n && time[e] == time[k] && stratum[e] == stratum[k]) e++;
                int d = 0;
                for (int i = k; i < e; i++) d += _status[i];
                if (d > 0) { blockStart.Add(k); blockDeaths.Add(d); }
                k = e;
            }
            segmentEnd.Add(n);
            firstBlock.Add(blockStart.Count);
            _segmentStart = [.. segmentStart]; _segmentEnd = [.. segmentEnd]; _firstBlockOfSegment = [.. firstBlock];
            _blockStart = [.. blockStart]; _blockDeaths = [.. blockDeaths];
            int blocks = _deathBlocks = _blockStart.Length;
            _eta = new double[n]; _risk = new double[n]; _omega = new double[n]; _work = new double[n];
            _s0 = new double[blocks]; _s1 = new double[blocks]; _t0 = new double[blocks]; _t1 = new double[blocks]; _t2 = new double[blocks];
            _a = new double[p][]; _a2 = new double[p][];
            for (int j = 0; j < p; j++) { _a[j] = new double[blocks]; _a2[j] = new double[blocks]; }
            _v1 = new double[blocks]; _v2 = new double[blocks];
            _logArgument = new double[Math.Max(1, sample.EventCount)];
        }

        public double[] Means { get; }

        /// <summary>Fills <paramref name="u"/> (p) and <paramref name="information"/> (p×p) at β; returns the log-likelihood.</summary>
        public double Evaluate(double[] beta, double[] u, double[] information)
        {
            int n = _n, p = _p, blocks = _deathBlocks;
            bool efron = _ties == CoxTies.Efron;
            Array.Clear(_eta);
            for (int j = 0; j < p; j++) VectorKernels.AddScaled(_eta, beta[j], _x[j], n);
            VectorKernels.Exp(_eta, _risk, n);
            double loglik = 0;
            for (int j = 0; j < p; j++) loglik += beta[j] * _deathSum[j];

            // the risk-set denominators and the Efron (or Breslow) terms of each block with deaths
            Array.Copy(_risk, _work, n);
            RiskSums(_work, _t0, _t1); // _t0: Σr over the risk set, _t1: over the block's deaths (overwritten below)
            int logs = 0;
            for (int b = 0; b < blocks; b++)
            {
                double denominator = _t0[b], denominator2 = _t1[b];
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
                    _logArgument[logs++] = denominator;
                    _v1[b] = deaths;
                    s0 = deaths / denominator;
                    t0 = s0 / denominator;
                }
                _s0[b] = s0; _s1[b] = s1; _t0[b] = t0; _t1[b] = t1; _t2[b] = t2;
            }
            loglik -= efron ? VectorKernels.SumOfLogs(_logArgument, logs) : VectorKernels.WeightedSumOfLogs(_v1, _logArgument, logs);

            // score: Σ_deaths x − Σ_blocks (a·s0 − a2·s1)
            for (int j = 0; j < p; j++)
            {
                VectorKernels.Multiply(_risk, _x[j], _work, n);
                RiskSums(_work, _a[j], _a2[j]);
                u[j] = _deathSum[j] - VectorKernels.Dot(_a[j], _s0, blocks) + VectorKernels.Dot(_a2[j], _s1, blocks);
            }

            // each subject's weight in Σ_t (C_t·s0_t − C2_t·s1_t): the s0 of the blocks up to its own, less its block's s1 if it died
            for (int g = 0; g < _segmentStart.Length; g++)
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
                if (efron)
                {
                    VectorKernels.MultiplySubtract(_t0, _a[i], _t1, _a2[i], _v1, blocks);
                    VectorKernels.MultiplySubtract(_t2, _a2[i], _t1, _a[i], _v2, blocks);
                }
                else VectorKernels.Multiply(_t0, _a[i], _v1, blocks);
                for (int j = 0; j <= i; j++)
                {
                    double value = VectorKernels.Dot(_work, _x[j], n) - VectorKernels.Dot(_v1, _a[j], blocks);
                    if (efron) value -= VectorKernels.Dot(_v2, _a2[j], blocks);
                    information[i * p + j] = value;
                    information[j * p + i] = value;
                }
            }
            return loglik;
        }

        /// <summary>
        /// Per block with deaths: Σ v over its risk set (the subjects of its stratum from its start on) into
        /// <paramref name="riskSet"/>, and Σ v over its deaths into <paramref name="deathSet"/>; <paramref name="v"/> is
        /// overwritten by its reverse cumulative sums.
        /// </summary>
        private void RiskSums(double[] v, double[] riskSet, double[] deathSet)
        {
            for (int b = 0; b < _deathBlocks; b++)
            {
                int start = _blockStart[b], end = start + _blockDeaths[b];
                double s = 0;
                for (int k = start; k < end; k++) s += v[k];
                deathSet[b] = s;
            }
            for (int g = 0; g < _segmentStart.Length; g++)
            {
                double s = 0;
                for (int k = _segmentEnd[g] - 1; k >= _segmentStart[g]; k--) { s += v[k]; v[k] = s; }
            }
            for (int b = 0; b < _deathBlocks; b++) riskSet[b] = v[_blockStart[b]];
        }
    }
}
