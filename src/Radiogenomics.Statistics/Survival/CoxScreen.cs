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
        Parallel.For(0, features.Count, new ParallelOptions { CancellationToken = cancellationToken }, () => new Workspace(n, blocks.Count),
            (j, _, work) => { fits[j] = work.Fit(sample, blocks, features[j], ties); return work; }, _ => { });
        return fits;
    }

    /// <summary>The (stratum, time) blocks of the sorted subjects, walked from the end as coxfit6 walks them.</summary>
    private sealed class Blocks
    {
        public Blocks(SurvivalSample sample)
        {
            int n = sample.Count;
            var time = sample.SortedTime;
            var status = sample.SortedStatus;
            var stratum = sample.SortedStratum;
            var start = new List<int>();
            var end = new List<int>();
            var deaths = new List<int>();
            var newStratum = new List<bool>();
            int e = n;
            while (e > 0)
            {
                int s = stratum[e - 1];
                bool first = true;
                while (e > 0 && stratum[e - 1] == s)
                {
                    double t = time[e - 1];
                    int b = e;
                    while (b > 0 && time[b - 1] == t && stratum[b - 1] == s) b--;
                    int d = 0;
                    for (int k = b; k < e; k++) d += status[k];
                    start.Add(b); end.Add(e); deaths.Add(d); newStratum.Add(first);
                    first = false;
                    e = b;
                }
            }
            Start = [.. start]; End = [.. end]; Deaths = [.. deaths]; NewStratum = [.. newStratum];
        }

        public int[] Start { get; }
        public int[] End { get; }
        public int[] Deaths { get; }
        public bool[] NewStratum { get; }
        public int Count => Start.Length;
    }

    private sealed class Workspace(int n, int blockCount)
    {
        private readonly double[] _x = new double[n];
        private readonly double[] _risk = new double[n];
        private readonly double[] _rx = new double[n];
        private readonly double[] _rxx = new double[n];
        private readonly double[] _deathSum = new double[blockCount];
        private readonly double[] _logArgument = new double[n + 4];
        private readonly double[] _logWeight = new double[n + 4];
        private readonly double[] _logValue = new double[n + 4];

        public CoxScreenFit Fit(SurvivalSample sample, Blocks blocks, double[] column, CoxTies ties)
        {
            var order = sample.Order;
            double mean = 0;
            for (int i = 0; i < n; i++) mean += column[i];
            mean /= n;
            for (int k = 0; k < n; k++) _x[k] = column[order[k]] - mean;
            for (int b = 0; b < blocks.Count; b++)
            {
                double s = 0;
                for (int k = blocks.Start[b], e = k + blocks.Deaths[b]; k < e; k++) s += _x[k]; // a block's deaths come first
                _deathSum[b] = s;
            }

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
        /// exp(βx), r·x and r·x² in one vectorised pass, the block sums from the end, and the logarithms of every
        /// denominator (one per death with Efron, one per death time with Breslow) in a second vectorised pass.
        /// </summary>
        private double Evaluate(Blocks blocks, double beta, CoxTies ties, out double u, out double information)
        {
            int i = 0;
            var vb = Vector256.Create(beta);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x = Vector256.Create(_x, i);
                var r = Vector256.Exp(vb * x);
                var rx = r * x;
                r.CopyTo(_risk, i);
                rx.CopyTo(_rx, i);
                (rx * x).CopyTo(_rxx, i);
            }
            for (; i < n; i++)
            {
                double r = Math.Exp(beta * _x[i]);
                _risk[i] = r;
                _rx[i] = r * _x[i];
                _rxx[i] = _rx[i] * _x[i];
            }
            double loglik = 0, denominator = 0, a = 0, c = 0;
            u = 0;
            information = 0;
            int logs = 0;
            for (int b = 0; b < blocks.Count; b++)
            {
                if (blocks.NewStratum[b]) { denominator = 0; a = 0; c = 0; }
                int start = blocks.Start[b], deaths = blocks.Deaths[b], deathEnd = start + deaths;
                double denominator2 = 0, a2 = 0, c2 = 0;
                for (int k = start; k < deathEnd; k++) { denominator2 += _risk[k]; a2 += _rx[k]; c2 += _rxx[k]; }
                double sr = denominator2, srx = a2, srxx = c2;
                for (int k = deathEnd; k < blocks.End[b]; k++) { sr += _risk[k]; srx += _rx[k]; srxx += _rxx[k]; }
                denominator += sr;
                a += srx;
                c += srxx;
                if (deaths == 0) continue;
                loglik += beta * _deathSum[b];
                u += _deathSum[b];
                if (ties == CoxTies.Breslow)
                {
                    _logArgument[logs] = denominator;
                    _logWeight[logs++] = deaths;
                    double xbar = a / denominator;
                    u -= deaths * xbar;
                    information += deaths * (c / denominator - xbar * xbar);
                }
                else
                {
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
            for (; j <= logs - Vector256<double>.Count; j += Vector256<double>.Count)
                Vector256.Log(Vector256.Create(_logArgument, j)).CopyTo(_logValue, j);
            for (; j < logs; j++) _logValue[j] = Math.Log(_logArgument[j]);
            for (j = 0; j < logs; j++) loglik -= _logWeight[j] * _logValue[j];
            return loglik;
        }
    }
}
