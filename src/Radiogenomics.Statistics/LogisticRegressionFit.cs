namespace Radiogenomics.Statistics;

/// <summary>
/// A fitted <see cref="LogisticRegression"/>: coefficients (the intercept first, as <c>(Intercept)</c>), their covariance
/// (the inverse information), and lrm's model statistics — likelihood-ratio χ², Nagelkerke R², C, Dxy and the Brier score.
/// </summary>
public sealed class LogisticRegressionFit
{
    private readonly double[] _y;

    internal LogisticRegressionFit(string[] terms, double[] coefficients, double[][] covariance, double[] linearPredictors, double[] y,
        double nullDeviance, double deviance, int iterations, bool converged)
    {
        Terms = terms;
        Coefficients = coefficients;
        Covariance = covariance;
        LinearPredictors = linearPredictors;
        _y = y;
        NullDeviance = nullDeviance;
        Deviance = deviance;
        Iterations = iterations;
        Converged = converged;
    }

    public IReadOnlyList<string> Terms { get; }
    public IReadOnlyList<double> Coefficients { get; }
    public IReadOnlyList<double[]> Covariance { get; }

    /// <summary>The fitted log-odds of every observation.</summary>
    public IReadOnlyList<double> LinearPredictors { get; }

    public double NullDeviance { get; }
    public double Deviance { get; }
    public int Iterations { get; }

    /// <summary>False when lrm's iteration limit was reached before its convergence test passed.</summary>
    public bool Converged { get; }

    public int Observations => _y.Length;

    public double StandardError(int term) => Math.Sqrt(Covariance[term][term]);

    /// <summary>Wald z = estimate / SE.</summary>
    public double Z(int term) => Coefficients[term] / StandardError(term);

    /// <summary>Two-sided Wald p.</summary>
    public double P(int term) => 2 * StandardNormal.Cdf(-Math.Abs(Z(term)));

    /// <summary>exp(β) with its Wald interval exp(β ± z·SE) at <paramref name="level"/>.</summary>
    public (double OddsRatio, double Lower, double Upper) OddsRatio(int term, double level = 0.95)
    {
        double z = StandardNormal.Quantile(1 - (1 - level) / 2), b = Coefficients[term], se = StandardError(term);
        return (Math.Exp(b), Math.Exp(b - z * se), Math.Exp(b + z * se));
    }

    /// <summary>lrm's "Model L.R.": null deviance − deviance.</summary>
    public double LikelihoodRatio => NullDeviance - Deviance;

    public int ModelDegreesOfFreedom => Coefficients.Count - 1;

    public double LikelihoodRatioP => ModelDegreesOfFreedom > 0 ? ChiSquared.UpperTail(LikelihoodRatio, ModelDegreesOfFreedom) : 1;

    /// <summary>Nagelkerke's R² as lrm reports it: (1 − e^(−LR/n)) / (1 − e^(−null deviance/n)).</summary>
    public double NagelkerkeR2 => (1 - Math.Exp(-LikelihoodRatio / Observations)) / (1 - Math.Exp(-NullDeviance / Observations));

    /// <summary>
    /// lrm's C: the concordance of the predicted probabilities with the outcome after its Fortran bins each probability into
    /// one of 5,000 cells (⌊5000·p⌋), so probabilities in the same cell count as tied. <see cref="ExactC"/> does not bin.
    /// </summary>
    public double C => Roc.Auc(LinearPredictors.Select(l => Math.Floor(5000 * Probability(l))).ToArray(), _y);

    /// <summary>The Mann–Whitney AUC of the linear predictor (ties ½), without lrm's binning.</summary>
    public double ExactC => Roc.Auc(LinearPredictors.ToArray(), _y);

    /// <summary>Somers' Dxy = 2(C − ½), from lrm's binned C.</summary>
    public double Dxy => 2 * (C - 0.5);

    /// <summary>Mean squared difference of predicted probability and outcome.</summary>
    public double Brier => LinearPredictors.Select((l, i) => Math.Pow(Probability(l) - _y[i], 2)).Average();

    /// <summary>The linear predictor of new observations (one row of predictor values each, in <see cref="Terms"/> order without the intercept).</summary>
    public double LinearPredictor(ReadOnlySpan<double> predictors)
    {
        double eta = Coefficients[0];
        for (int j = 0; j < predictors.Length; j++) eta += Coefficients[j + 1] * predictors[j];
        return eta;
    }

    public static double Probability(double linearPredictor) => 1 / (1 + Math.Exp(-linearPredictor));
}
