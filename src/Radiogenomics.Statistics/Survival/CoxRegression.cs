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
        // centred covariates in sorted order, subject-major: x[k * p + j]
        var order = sample.Order;
        var x = new double[n * p];
        var means = new double[p];
        for (int j = 0; j < p; j++)
        {
            var column = covariates[j];
            if (column.Length != n) throw new ArgumentException($"covariate {j} has {column.Length} values for {n} subjects.", nameof(covariates));
            double mean = 0;
            for (int i = 0; i < n; i++) mean += column[i];
            mean /= n;
            means[j] = mean;
            for (int k = 0; k < n; k++) x[k * p + j] = column[order[k]] - mean;
        }
        var work = new Workspace(sample, x, p, ties);

        var beta = new double[p];
        double loglik = work.Evaluate(beta, out var u, out var information);
        double loglikNull = loglik;
        var factor = SymmetricPositiveDefinite.TryFactor(information, p);
        double score = factor is null ? double.NaN : Dot(u, factor.Solve(u));
        if (factor is null) return Failed(sample, p, loglikNull, score);
        var newBeta = Add(beta, factor.Solve(u));
        bool converged = false;
        int iteration = 0, halving = 0;
        double[] finalInformation = information;
        while (iteration < MaxIterations)
        {
            iteration++;
            double newLoglik = work.Evaluate(newBeta, out var newU, out var newInformation);
            bool finite = double.IsFinite(newLoglik);
            if (finite && Math.Abs(1 - loglik / newLoglik) <= Tolerance && halving == 0)
            {
                beta = newBeta;
                loglik = newLoglik;
                finalInformation = newInformation;
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
            beta = newBeta;
            loglik = newLoglik;
            finalInformation = newInformation;
            var stepFactor = SymmetricPositiveDefinite.TryFactor(newInformation, p);
            if (stepFactor is null) break;
            newBeta = Add(beta, stepFactor.Solve(newU));
        }

        var finalFactor = SymmetricPositiveDefinite.TryFactor(finalInformation, p);
        if (finalFactor is null) return Failed(sample, p, loglikNull, score);
        var covariance = finalFactor.Inverse();
        var se = new double[p];
        for (int j = 0; j < p; j++) se[j] = Math.Sqrt(covariance[j * p + j]);
        double wald = Dot(beta, Multiply(finalInformation, beta, p)); // b' V⁻¹ b with V⁻¹ the information

        var linearPredictor = new double[n];
        for (int i = 0; i < n; i++)
        {
            double eta = 0;
            for (int j = 0; j < p; j++) eta += beta[j] * (covariates[j][i] - means[j]);
            linearPredictor[i] = eta;
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

    private static double[] Add(double[] a, double[] b)
    {
        var c = new double[a.Length];
        for (int i = 0; i < a.Length; i++) c[i] = a[i] + b[i];
        return c;
    }

    private static double[] Multiply(double[] matrix, double[] v, int p)
    {
        var r = new double[p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) r[i] += matrix[i * p + j] * v[j];
        return r;
    }

    /// <summary>Partial log-likelihood, score and information at β over the sorted, centred data.</summary>
    private sealed class Workspace(SurvivalSample sample, double[] x, int p, CoxTies ties)
    {
        private readonly double[] _eta = new double[sample.Count];
        private readonly double[] _risk = new double[sample.Count];
        private readonly double[] _a = new double[p], _a2 = new double[p], _xbar = new double[p];
        private readonly double[] _c = new double[p * p], _c2 = new double[p * p];

        public double Evaluate(double[] beta, out double[] u, out double[] information)
        {
            int n = sample.Count;
            var time = sample.SortedTime;
            var status = sample.SortedStatus;
            var stratumOf = sample.SortedStratum;
            u = new double[p];
            information = new double[p * p];
            for (int k = 0; k < n; k++)
            {
                double eta = 0;
                for (int j = 0; j < p; j++) eta += beta[j] * x[k * p + j];
                _eta[k] = eta;
                _risk[k] = Math.Exp(eta);
            }
            double loglik = 0, denominator = 0;
            int end = n;
            // walk the sorted subjects backwards, one (stratum, time) block at a time, growing the risk set
            while (end > 0)
            {
                int stratum = stratumOf[end - 1];
                denominator = 0;
                Array.Clear(_a);
                Array.Clear(_c);
                while (end > 0 && stratumOf[end - 1] == stratum)
                {
                    double t = time[end - 1];
                    int start = end;
                    while (start > 0 && time[start - 1] == t && stratumOf[start - 1] == stratum) start--;
                    int deaths = 0;
                    double denominator2 = 0;
                    if (p == 1)
                    {
                        // one covariate (the univariable screen): scalars, no arrays
                        double a2 = 0, c2 = 0;
                        for (int k = start; k < end; k++)
                        {
                            double r = _risk[k], xk = x[k], rx = r * xk;
                            denominator += r;
                            _a[0] += rx;
                            _c[0] += rx * xk;
                            if (status[k] == 0) continue;
                            deaths++;
                            denominator2 += r;
                            loglik += _eta[k];
                            u[0] += xk;
                            a2 += rx;
                            c2 += rx * xk;
                        }
                        _a2[0] = a2;
                        _c2[0] = c2;
                    }
                    else
                    {
                        Array.Clear(_a2);
                        Array.Clear(_c2);
                        for (int k = start; k < end; k++)
                        {
                            double r = _risk[k];
                            denominator += r;
                            for (int i = 0; i < p; i++)
                            {
                                double xi = x[k * p + i];
                                _a[i] += r * xi;
                                for (int j = 0; j <= i; j++) _c[i * p + j] += r * xi * x[k * p + j];
                            }
                            if (status[k] == 0) continue;
                            deaths++;
                            denominator2 += r;
                            loglik += _eta[k];
                            for (int i = 0; i < p; i++)
                            {
                                double xi = x[k * p + i];
                                u[i] += xi;
                                _a2[i] += r * xi;
                                for (int j = 0; j <= i; j++) _c2[i * p + j] += r * xi * x[k * p + j];
                            }
                        }
                    }
                    if (deaths > 0)
                    {
                        if (ties == CoxTies.Breslow)
                        {
                            loglik -= deaths * Math.Log(denominator);
                            for (int i = 0; i < p; i++)
                            {
                                _xbar[i] = _a[i] / denominator;
                                u[i] -= deaths * _xbar[i];
                            }
                            for (int i = 0; i < p; i++)
                                for (int j = 0; j <= i; j++)
                                    information[i * p + j] += deaths * (_c[i * p + j] / denominator - _xbar[i] * _xbar[j]);
                        }
                        else
                        {
                            for (int d = 0; d < deaths; d++)
                            {
                                double fraction = (double)d / deaths;
                                double d2 = denominator - fraction * denominator2;
                                loglik -= Math.Log(d2);
                                for (int i = 0; i < p; i++)
                                {
                                    _xbar[i] = (_a[i] - fraction * _a2[i]) / d2;
                                    u[i] -= _xbar[i];
                                }
                                for (int i = 0; i < p; i++)
                                    for (int j = 0; j <= i; j++)
                                        information[i * p + j] += (_c[i * p + j] - fraction * _c2[i * p + j]) / d2 - _xbar[i] * _xbar[j];
                            }
                        }
                    }
                    end = start;
                }
            }
            for (int i = 0; i < p; i++)
                for (int j = 0; j < i; j++) information[j * p + i] = information[i * p + j];
            return loglik;
        }
    }
}
