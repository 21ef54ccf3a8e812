using System.Runtime.Intrinsics;

namespace Radiogenomics.Statistics;

/// <summary>
/// Univariable Cox screens of many features over the same subjects (every radiomic feature or lncRNA): each feature gets
/// the fit <see cref="CoxRegression.Fit"/> would give it alone (coxph's Newton–Raphson with step halving, Efron or Breslow,
/// strata), but the sort, the (stratum, time) blocks and their death counts are computed once for all features, each
/// feature's death sums Σx are taken once (they do not depend on β), the iterations run on scalars in one reused buffer
/// per thread, and the features are spread over the cores.
/// </summary>
public static class CoxScreen
{
    /// <summary>Fits every feature; a feature with a missing value must be screened on its own sample instead.</summary>
    public static CoxScreenFit[] Fit(SurvivalSample sample, IReadOnlyList<double[]> features, CoxTies ties = CoxTies.Efron, CancellationToken cancellationToken = default)
    {
        int n = sample.Count;
        foreach (var f in features) if (f.Length != n) throw new ArgumentException($"a feature has {f.Length} values for {n} subjects.", nameof(features));
        var blocks = new Blocks(sample);
        var fits = new CoxScreenFit[features.Count];
        Parallel.For(0, features.Count, new ParallelOptions { CancellationToken = cancellationToken }, () => new Workspace(n),
            (j, _, work) => { fits[j] = work.Fit(sample, blocks, features[j], ties); return work; }, _ => { });
        return fits;
    }

    /// <summary>The strata of the sorted subjects and the (stratum, time) blocks with deaths, in sorted order.</summary>
    private sealed class Blocks
    {
        public Blocks(SurvivalSample sample)
        {
            int n = sample.Count;
            var time = sample.SortedTime;
            var status = sample.SortedStatus;
            var stratum = sample.SortedStratum;
            var segmentStart = new List<int>();
            var start = new List<int>();
            var deaths = new List<int>();
            for (int k = 0; k < n;)
            {
                if (k == 0 || stratum[k - 1] != stratum[k]) segmentStart.Add(k);
                int e = k + 1;
                while (e < n && time[e] == time[k] && stratum[e] == stratum[k]) e++;
                int d = 0;
                for (int i = k; i < e; i++) d += status[i];
                if (d > 0) { start.Add(k); deaths.Add(d); }
                k = e;
            }
            segmentStart.Add(n);
            SegmentStart = [.. segmentStart]; Start = [.. start]; Deaths = [.. deaths];
        }

        /// <summary>Where each stratum starts, and n at the end.</summary>
        public int[] SegmentStart { get; }

        /// <summary>Per block with deaths: its first subject (deaths come first in a block) and its number of deaths.</summary>
        public int[] Start { get; }

        public int[] Deaths { get; }
        public int Count => Start.Length;
    }

    private sealed class Workspace(int n)
    {
        private readonly double[] _x = new double[n];
        private readonly double[] _risk = new double[n];
        private readonly double[] _rx = new double[n];
        private readonly double[] _rxx = new double[n];
        private readonly double[] _sumR = new double[n];  // Σ r, Σ r·x, Σ r·x² over each subject's risk set (its stratum from it on)
        private readonly double[] _sumRx = new double[n];
        private readonly double[] _sumRxx = new double[n];
        private readonly double[] _logArgument = new double[n + 4];
        private readonly double[] _logWeight = new double[n + 4];
        private double _deathSum;                         // Σ x over the deaths (does not depend on β)

        public CoxScreenFit Fit(SurvivalSample sample, Blocks blocks, double[] column, CoxTies ties)
        {
            var order = sample.Order;
            var status = sample.SortedStatus;
            double mean = 0;
            for (int i = 0; i < n; i++) mean += column[i];
            mean /= n;
            double deathSum = 0;
            for (int k = 0; k < n; k++)
            {
                double v = column[order[k]] - mean;
                _x[k] = v;
                if (status[k] != 0) deathSum += v;
            }
            _deathSum = deathSum;
            double beta = 0;
            double loglik = Evaluate(blocks, beta, ties, out double u, out double information);
            double loglikNull = loglik;
            if (!(information > 0)) return Failed(loglikNull, double.NaN);
            double root = Math.Sqrt(information);
            double score = u * (u / root / root);
            double newBeta = beta + u / root / root;
            bool converged = false;
            int iteration = 0, halving = 0;
            double finalInformation = information;
            while (iteration < CoxRegression.MaxIterations)
            {
                iteration++;
                double newLoglik = Evaluate(blocks, newBeta, ties, out double newU, out double newInformation);
                bool finite = double.IsFinite(newLoglik);
                if (finite && Math.Abs(1 - loglik / newLoglik) <= CoxRegression.Tolerance && halving == 0)
                {
                    beta = newBeta; loglik = newLoglik; finalInformation = newInformation; converged = true;
                    break;
                }
                if (!finite || newLoglik < loglik)
                {
                    halving++;
                    newBeta = (newBeta + beta) / 2;
                    continue;
                }
                halving = 0;
                beta = newBeta; loglik = newLoglik; finalInformation = newInformation;
                if (!(newInformation > 0)) break;
                double r = Math.Sqrt(newInformation);
                newBeta = beta + newU / r / r;
            }
            if (!(finalInformation > 0)) return Failed(loglikNull, score);
            double variance = 1 / finalInformation;
            return new CoxScreenFit(beta, Math.Sqrt(variance), loglikNull, loglik, beta * finalInformation * beta, score, iteration, converged);
        }

        private static CoxScreenFit Failed(double loglikNull, double score) =>
            new(double.NaN, double.NaN, loglikNull, double.NaN, double.NaN, score, 0, false);

        /// <summary>
        /// Partial log-likelihood, score and information at β (coxfit6's sums, one scalar covariate): the risks
        /// exp(βx), r·x and r·x² in one vectorised pass, their sums over each risk set by one backward pass per stratum
        /// without branches, the blocks with deaths from those sums, and the logarithms of every denominator (one per death
        /// with Efron, one per death time with Breslow) in a last vectorised pass.
        /// </summary>
        private double Evaluate(Blocks blocks, double beta, CoxTies ties, out double u, out double information)
        {
            int i = 0;
            var vb = Vector256.Create(beta);
            if (beta == 0)
            {
                // the first evaluation of every feature: exp(0) = 1 without the exponentials
                for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
                {
                    var x = Vector256.Create(_x, i);
                    Vector256<double>.One.CopyTo(_risk, i);
                    x.CopyTo(_rx, i);
                    (x * x).CopyTo(_rxx, i);
                }
            }
            else
            {
                for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
                {
                    var x = Vector256.Create(_x, i);
                    var r = Vector256.Exp(vb * x);
                    var rx = r * x;
                    r.CopyTo(_risk, i);
                    rx.CopyTo(_rx, i);
                    (rx * x).CopyTo(_rxx, i);
                }
            }
            for (; i < n; i++)
            {
                double r = Math.Exp(beta * _x[i]);
                _risk[i] = r;
                _rx[i] = r * _x[i];
                _rxx[i] = _rx[i] * _x[i];
            }
            var segment = blocks.SegmentStart;
            for (int g = segment.Length - 2; g >= 0; g--)
            {
                double sr = 0, srx = 0, srxx = 0;
                for (int k = segment[g + 1] - 1; k >= segment[g]; k--)
                {
                    sr += _risk[k]; srx += _rx[k]; srxx += _rxx[k];
                    _sumR[k] = sr; _sumRx[k] = srx; _sumRxx[k] = srxx;
                }
            }

            double loglik = beta * _deathSum;
            u = _deathSum;
            information = 0;
            int logs = 0;
            var start = blocks.Start;
            var deathsOf = blocks.Deaths;
            for (int b = 0; b < start.Length; b++)
            {
                int first = start[b], deaths = deathsOf[b];
                double denominator = _sumR[first], a = _sumRx[first], c = _sumRxx[first];
                if (ties == CoxTies.Breslow)
                {
                    _logArgument[logs] = denominator;
                    _logWeight[logs++] = deaths;
                    double xbar = a / denominator;
                    u -= deaths * xbar;
                    information += deaths * (c / denominator - xbar * xbar);
                }
                else if (deaths == 1)
                {
                    _logArgument[logs] = denominator;
                    _logWeight[logs++] = 1;
                    double inverse = 1 / denominator, xbar = a * inverse;
                    u -= xbar;
                    information += c * inverse - xbar * xbar;
                }
                else
                {
                    double denominator2 = 0, a2 = 0, c2 = 0;
                    for (int k = first; k < first + deaths; k++) { denominator2 += _risk[k]; a2 += _rx[k]; c2 += _rxx[k]; }
                    for (int d = 0; d < deaths; d++)
                    {
                        double fraction = (double)d / deaths;
                        double d2 = denominator - fraction * denominator2;
                        _logArgument[logs] = d2;
                        _logWeight[logs++] = 1;
                        double xbar = (a - fraction * a2) / d2;
                        u -= xbar;
                        information += (c - fraction * c2) / d2 - xbar * xbar;
                    }
                }
            }
            int j = 0;
            var logSum = Vector256<double>.Zero;
            for (; j <= logs - Vector256<double>.Count; j += Vector256<double>.Count)
                logSum += Vector256.Create(_logWeight, j) * Vector256.Log(Vector256.Create(_logArgument, j));
            double sum = Vector256.Sum(logSum);
            for (; j < logs; j++) sum += _logWeight[j] * Math.Log(_logArgument[j]);
            return loglik - sum;
        }
    }
}
