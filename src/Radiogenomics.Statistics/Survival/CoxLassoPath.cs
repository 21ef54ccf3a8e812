namespace Radiogenomics.Statistics;

/// <summary>
/// A fitted <c>glmnet(family = "cox")</c> path: per λ the coefficients on the original feature scale, the number of
/// non-zero coefficients (<c>df</c>) and the fraction of the null partial-likelihood deviance explained (<c>dev.ratio</c>).
/// </summary>
public sealed class CoxLassoPath
{
    internal CoxLassoPath(double[] lambda, double[][] beta, int[] df, double[] devianceRatio, double nullDeviance, int passes, string? warning)
    {
        Lambda = lambda;
        Beta = beta;
        Df = df;
        DevianceRatio = devianceRatio;
        NullDeviance = nullDeviance;
        Passes = passes;
        Warning = warning;
    }

    /// <summary>λ per step, decreasing (the first is glmnet's extrapolated λ_max when the sequence was computed).</summary>
    public IReadOnlyList<double> Lambda { get; }

    /// <summary>Coefficients per step, one entry per feature (0 where not selected).</summary>
    public IReadOnlyList<double[]> Beta { get; }

    public IReadOnlyList<int> Df { get; }

    public IReadOnlyList<double> DevianceRatio { get; }

    /// <summary><c>nulldev</c>: 2 × (saturated − null) Breslow log partial likelihood.</summary>
    public double NullDeviance { get; }

    /// <summary><c>npasses</c>.</summary>
    public int Passes { get; }

    /// <summary>glmnet's warning when the path was cut short (maximum passes reached, or the fit diverged), else null.</summary>
    public string? Warning { get; }

    public int Steps => Lambda.Count;

    /// <summary>
    /// Coefficients at any λ as <c>predict.coxnet(s = λ, type = "coefficients")</c> gives them: linear interpolation in λ
    /// between the two neighbouring steps (glmnet's lambda.interp); beyond the path's ends the first or last step.
    /// </summary>
    public double[] At(double lambda)
    {
        int last = Steps - 1;
        if (Steps == 1 || lambda >= Lambda[0]) return (double[])Beta[0].Clone();
        if (lambda <= Lambda[last]) return (double[])Beta[last].Clone();
        int i = 0;
        while (Lambda[i + 1] >= lambda) i++; // Lambda[i] ≥ λ > Lambda[i + 1]
        if (Lambda[i] == lambda) return (double[])Beta[i].Clone();
        double frac = (lambda - Lambda[i + 1]) / (Lambda[i] - Lambda[i + 1]);
        var b = new double[Beta[i].Length];
        for (int j = 0; j < b.Length; j++) b[j] = frac * Beta[i][j] + (1 - frac) * Beta[i + 1][j];
        return b;
    }

    /// <summary>The linear predictor x·β (not centred) of one row for given coefficients; <paramref name="columns"/> are the features.</summary>
    public static double LinearPredictor(double[] beta, IReadOnlyList<double[]> columns, int row)
    {
        double f = 0;
        for (int j = 0; j < beta.Length; j++) if (beta[j] != 0) f += beta[j] * columns[j][row];
        return f;
    }
}
