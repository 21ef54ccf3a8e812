using MathNet.Numerics.LinearAlgebra;

namespace Radiogenomics.Statistics;

/// <summary>
/// Unpenalised logistic regression by maximum likelihood, as <c>rms::lrm</c> fits it: Newton–Raphson from the intercept
/// log(ȳ/(1 − ȳ)) and zero slopes, stopping as lrm's Fortran does — once a step changes −2 log L by less than
/// <c>eps</c> (0.025), one more step is taken and everything (variance, deviance, statistics) is evaluated there. That
/// iterate is not the exact optimum (up to ~1e-6 away on small samples), but it is what lrm reports. A step that raises
/// −2 log L is halved, as lrm does.
/// </summary>
public static class LogisticRegression
{
    /// <param name="columns">predictor columns over observations (dummy-coded already)</param>
    /// <param name="y">0/1 outcome per observation</param>
    /// <param name="names">predictor names, for the coefficient table</param>
    /// <param name="eps">lrm's convergence threshold on the change in −2 log L</param>
    /// <param name="maxIterations">lrm's maxit (it counts the evaluation before the first step: maxit − 1 steps at most)</param>
    public static LogisticRegressionFit Fit(IReadOnlyList<double[]> columns, ReadOnlySpan<double> y, IReadOnlyList<string> names,
        double eps = 0.025, int maxIterations = 12)
    {
        int n = y.Length, p = columns.Count + 1;
        if (names.Count != columns.Count) throw new ArgumentException("one name per predictor column", nameof(names));
        foreach (var c in columns)
            if (c.Length != n) throw new ArgumentException("every predictor column needs one value per observation", nameof(columns));
        var yy = y.ToArray();
        double events = yy.Count(v => v == 1);
        if (yy.Any(v => v != 0 && v != 1)) throw new ArgumentException("the outcome must be 0 or 1", nameof(y));
        if (events == 0 || events == n) throw new ArgumentException("the outcome has one class; a logistic model needs both", nameof(y));
        if (n < 3) throw new ArgumentException("lrm needs at least 3 observations", nameof(y));

        var x = Matrix<double>.Build.Dense(n, p, (i, j) => j == 0 ? 1 : columns[j - 1][i]);
        var beta = Vector<double>.Build.Dense(p);
        beta[0] = Math.Log(events / n / (1 - events / n));
        double nullDeviance = Deviance(x, yy, beta);
        double deviance = nullDeviance;
        int iterations = 0;
        bool converged = false, lastStep = false;
        while (iterations < maxIterations - 1)
        {
            var (score, information) = ScoreAndInformation(x, yy, beta);
            var step = Solve(information, score);
            var next = beta + step;
            double nextDeviance = Deviance(x, yy, next);
            for (int halving = 0; halving < 30 && !(nextDeviance <= deviance) && !lastStep; halving++)
            {
                step *= 0.5;
                next = beta + step;
                nextDeviance = Deviance(x, yy, next);
            }
            iterations++;
            double change = deviance - nextDeviance;
            beta = next;
            deviance = nextDeviance;
            if (lastStep) { converged = true; break; }
            if (Math.Abs(change) < eps) lastStep = true;
        }

        var (_, info) = ScoreAndInformation(x, yy, beta);
        var covariance = info.Inverse();
        var lp = (x * beta).ToArray();
        return new LogisticRegressionFit(["(Intercept)", .. names], beta.ToArray(),
            Enumerable.Range(0, p).Select(i => Enumerable.Range(0, p).Select(j => covariance[i, j]).ToArray()).ToArray(),
            lp, yy, nullDeviance, deviance, iterations, converged);
    }

    private static double Deviance(Matrix<double> x, double[] y, Vector<double> beta)
    {
        var eta = x * beta;
        double d = 0;
        for (int i = 0; i < y.Length; i++)
        {
            // log(1 + e^η) computed without overflow
            double e = eta[i], log1pExp = e > 0 ? e + Math.Log(1 + Math.Exp(-e)) : Math.Log(1 + Math.Exp(e));
            d += log1pExp - y[i] * e;
        }
        return 2 * d;
    }

    private static (Vector<double> Score, Matrix<double> Information) ScoreAndInformation(Matrix<double> x, double[] y, Vector<double> beta)
    {
        var eta = x * beta;
        int n = y.Length;
        var residual = Vector<double>.Build.Dense(n);
        var weight = Vector<double>.Build.Dense(n);
        for (int i = 0; i < n; i++)
        {
            double prob = 1 / (1 + Math.Exp(-eta[i]));
            residual[i] = y[i] - prob;
            weight[i] = prob * (1 - prob);
        }
        var weighted = x.Clone();
        for (int i = 0; i < n; i++) weighted.SetRow(i, x.Row(i) * weight[i]);
        return (x.TransposeThisAndMultiply(residual), x.TransposeThisAndMultiply(weighted));
    }

    private static Vector<double> Solve(Matrix<double> information, Vector<double> score)
    {
        try { return information.Cholesky().Solve(score); }
        catch (ArgumentException)
        {
            throw new ArgumentException("the information matrix is singular: a predictor is constant, duplicated or separates the classes");
        }
    }
}
