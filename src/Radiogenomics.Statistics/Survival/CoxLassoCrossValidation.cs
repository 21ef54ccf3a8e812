namespace Radiogenomics.Statistics;

/// <summary>
/// <c>cv.glmnet(x, Surv(time, status), family = "cox", type.measure, foldid)</c>: the path on all rows fixes the λ sequence;
/// each fold's model is fitted on the other folds with its own default λ sequence and read at the full path's λ by
/// glmnet's linear interpolation in λ. Deviance (cv.glmnet's default, <c>grouped = TRUE</c>): per fold and λ the
/// partial-likelihood deviance of all rows minus that of the training rows, both at the fold's coefficients, divided by
/// the fold's events; cvm weights the folds by their events. C: Harrell's C of the held-out linear predictor
/// (<c>survival::concordance</c>, tied scores ½); cvm weights the folds by their size. Both: cvsd = √(weighted mean squared
/// deviation / (K − 1)); λ.min the largest λ at the best cvm, λ.1se the largest λ within one cvsd of it.
/// </summary>
public static class CoxLassoCrossValidation
{
    /// <param name="foldId">1..K per row, every fold present, K ≥ 3</param>
    /// <exception cref="ArgumentException">bad folds, or a training set glmnet cannot fit.</exception>
    public static CoxLassoCrossValidationResult Run(IReadOnlyList<double[]> columns, double[] time, int[] status, int[] foldId,
        CoxLassoMeasure measure = CoxLassoMeasure.Deviance, CoxLassoOptions? options = null)
    {
        options ??= new CoxLassoOptions();
        int n = time.Length;
        if (foldId.Length != n) throw new ArgumentException("one fold id per row is needed");
        int k = foldId.Max();
        if (foldId.Min() < 1 || Enumerable.Range(1, k).Any(f => !foldId.Contains(f)))
            throw new ArgumentException($"fold ids must be 1..{k} with every fold present");
        if (k < 3) throw new ArgumentException($"cross-validation needs at least 3 folds, {k} given");

        var fits = new CoxLassoPath[k + 1];
        try
        {
            Parallel.For(0, k + 1, fold =>
            {
                if (fold == 0) { fits[0] = CoxLasso.Fit(columns, time, status, options); return; }
                var train = Enumerable.Range(0, n).Where(i => foldId[i] != fold).ToArray();
                try
                {
                    fits[fold] = CoxLasso.Fit(Rows(columns, train), train.Select(i => time[i]).ToArray(), train.Select(i => status[i]).ToArray(), options);
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"the training rows of fold {fold}: {e.Message}", e);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions[0] is ArgumentException first)
        {
            throw first; // the fit's own message, not the parallel loop's wrapper
        }
        var lambda = fits[0].Lambda.ToArray();
        int steps = lambda.Length;
        var values = new double[k, steps];
        var weights = new double[k];
        var all = Enumerable.Range(0, n).ToArray();
        Parallel.For(1, k + 1, fold =>
        {
            var test = Enumerable.Range(0, n).Where(i => foldId[i] == fold).ToArray();
            var fit = fits[fold];
            if (measure == CoxLassoMeasure.Deviance)
            {
                var train = Enumerable.Range(0, n).Where(i => foldId[i] != fold).ToArray();
                double events = test.Sum(i => (double)status[i]);
                weights[fold - 1] = events;
                for (int s = 0; s < steps; s++)
                {
                    var beta = fit.At(lambda[s]);
                    values[fold - 1, s] = (Deviance(columns, time, status, all, beta) - Deviance(columns, time, status, train, beta)) / events;
                }
            }
            else
            {
                weights[fold - 1] = test.Length;
                var sample = new SurvivalSample(test.Select(i => time[i]).ToArray(), test.Select(i => status[i]).ToArray());
                var score = new double[test.Length];
                for (int s = 0; s < steps; s++)
                {
                    var beta = fit.At(lambda[s]);
                    for (int t = 0; t < test.Length; t++) score[t] = CoxLassoPath.LinearPredictor(beta, columns, test[t]);
                    values[fold - 1, s] = HarrellConcordance.Compute(sample, score).Concordance;
                }
            }
        });

        // cvstats: weighted.mean over the folds with a value (R sums in extended precision: compensated here), then getOptcv.
        var cvm = new double[steps];
        var cvsd = new double[steps];
        var terms = new List<double>(k);
        for (int s = 0; s < steps; s++)
        {
            double sw = 0;
            int present = 0;
            terms.Clear();
            for (int f = 0; f < k; f++) if (!double.IsNaN(values[f, s])) { terms.Add(values[f, s] * weights[f]); sw += weights[f]; present++; }
            cvm[s] = AccurateSum(terms) / sw;
            terms.Clear();
            for (int f = 0; f < k; f++)
                if (!double.IsNaN(values[f, s])) { double d = values[f, s] - cvm[s]; terms.Add(d * d * weights[f]); }
            int folds = measure == CoxLassoMeasure.C ? k : present; // cv.coxnet counts every fold for C, only those with a value for deviance
            cvsd[s] = Math.Sqrt(AccurateSum(terms) / sw / (folds - 1));
        }
        double sign = measure == CoxLassoMeasure.C ? -1 : 1; // getOptcv minimises −C
        var usable = Enumerable.Range(0, steps).Where(s => !double.IsNaN(cvm[s]) && !double.IsNaN(cvsd[s])).ToArray();
        if (usable.Length == 0) throw new ArgumentException("no λ has a cross-validated value (no fold has comparable pairs or events)");
        double best = usable.Min(s => sign * cvm[s]);
        int indexMin = usable.Where(s => sign * cvm[s] <= best).MaxBy(s => lambda[s]);
        double bound = sign * cvm[indexMin] + cvsd[indexMin];
        int indexOneSe = usable.Where(s => sign * cvm[s] <= bound).MaxBy(s => lambda[s]);
        return new CoxLassoCrossValidationResult(fits[0], measure, cvm, cvsd, indexMin, indexOneSe, values);
    }

    /// <summary>
    /// glmnet's <c>coxnet.deviance</c> (unit weights) of the given rows at coefficients β: 2 × (saturated − Breslow log
    /// partial likelihood), the linear predictor centred on those rows' means (glmnet's loglike).
    /// </summary>
    public static double Deviance(IReadOnlyList<double[]> columns, double[] time, int[] status, int[] rows, double[] beta)
    {
        int m = rows.Length;
        var y = new double[m];
        var d = new double[m];
        var q = new double[m];
        for (int r = 0; r < m; r++)
        {
            d[r] = status[rows[r]];
            y[r] = time[rows[r]] + (1 - d[r]) * 100 * 2.220446049250313e-16;
            q[r] = 1;
        }
        var sets = new CoxnetRiskSets(y, d, q);
        var f = new double[m];
        for (int j = 0; j < beta.Length; j++)
        {
            if (beta[j] == 0) continue;
            var x = columns[j];
            double mean = 0;
            for (int r = 0; r < m; r++) mean += x[rows[r]];
            mean /= m;
            for (int r = 0; r < m; r++) f[r] += beta[j] * (x[rows[r]] - mean);
        }
        double fmax = Math.Log(double.MaxValue * 0.1);
        var e = new double[m];
        for (int r = 0; r < m; r++) e[r] = Math.Exp(Math.CopySign(Math.Min(Math.Abs(f[r]), fmax), f[r]));
        double saturated = 0;
        foreach (double dk in sets.Deaths) if (dk > 0) saturated -= dk * Math.Log(dk);
        return 2 * (saturated - sets.LogLikelihood(f, e));
    }

    private static double[][] Rows(IReadOnlyList<double[]> columns, int[] rows) => columns.Select(c => rows.Select(i => c[i]).ToArray()).ToArray();

    /// <summary>Neumaier's compensated sum: the rounded exact sum for these few terms, as R's long-double accumulator gives.</summary>
    private static double AccurateSum(List<double> values)
    {
        double sum = 0, c = 0;
        foreach (double v in values)
        {
            double t = sum + v;
            c += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        return sum + c;
    }
}
