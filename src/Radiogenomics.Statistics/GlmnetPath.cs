namespace Radiogenomics.Statistics;

/// <summary>
/// A fitted glmnet path (any family): per λ the intercept and the coefficients on the original feature scale, the number
/// of non-zero coefficients (<c>df</c>) and the fraction of null deviance explained (<c>dev.ratio</c>; R² for the
/// Gaussian family).
/// </summary>
public class GlmnetPath
{
    internal GlmnetPath(double[] lambda, double[] intercept, double[][] beta, int[] df, double[] devianceRatio,
        double nullDeviance, int passes, string? warning)
    {
        Lambda = lambda;
        Intercept = intercept;
        Beta = beta;
        Df = df;
        DevianceRatio = devianceRatio;
        NullDeviance = nullDeviance;
        Passes = passes;
        Warning = warning;
    }

    /// <summary>λ per step, decreasing (the first is glmnet's extrapolated λ_max when the sequence was computed).</summary>
    public IReadOnlyList<double> Lambda { get; }

    public IReadOnlyList<double> Intercept { get; }

    /// <summary>Coefficients per step, one entry per feature (0 where not selected).</summary>
    public IReadOnlyList<double[]> Beta { get; }

    public IReadOnlyList<int> Df { get; }

    public IReadOnlyList<double> DevianceRatio { get; }

    /// <summary><c>nulldev</c>: the deviance of the intercept-only model (binomial: 2 × its deviance; Gaussian: Σ(y − ȳ)²).</summary>
    public double NullDeviance { get; }

    /// <summary><c>npasses</c>.</summary>
    public int Passes { get; }

    /// <summary>glmnet's warning when the path was cut short (maximum passes reached), else null.</summary>
    public string? Warning { get; }

    public int Steps => Lambda.Count;

    /// <summary>
    /// Intercept and coefficients at any λ as <c>predict.glmnet(s = λ)</c> gives them: linear interpolation in λ between the
    /// two neighbouring steps (glmnet's lambda.interp); beyond the path's ends the first or last step.
    /// </summary>
    public (double Intercept, double[] Beta) At(double lambda)
    {
        int last = Steps - 1;
        if (Steps == 1 || lambda >= Lambda[0]) return (Intercept[0], (double[])Beta[0].Clone());
        if (lambda <= Lambda[last]) return (Intercept[last], (double[])Beta[last].Clone());
        int i = 0;
        while (Lambda[i + 1] >= lambda) i++; // Lambda[i] ≥ λ > Lambda[i + 1]
        if (Lambda[i] == lambda) return (Intercept[i], (double[])Beta[i].Clone());
        double frac = (lambda - Lambda[i + 1]) / (Lambda[i] - Lambda[i + 1]);
        var b = new double[Beta[i].Length];
        for (int j = 0; j < b.Length; j++) b[j] = frac * Beta[i][j] + (1 - frac) * Beta[i + 1][j];
        return (frac * Intercept[i] + (1 - frac) * Intercept[i + 1], b);
    }

    /// <summary>The linear predictor (log-odds, or the prediction for the Gaussian family) of one row at one step; <paramref name="columns"/> are the feature columns.</summary>
    public double Link(int step, IReadOnlyList<double[]> columns, int row)
    {
        var b = Beta[step];
        double f = Intercept[step];
        for (int j = 0; j < b.Length; j++) if (b[j] != 0) f += b[j] * columns[j][row];
        return f;
    }
}
