namespace Radiogenomics.Statistics;

/// <summary>A fitted <see cref="OrdinaryLeastSquares"/> model: intercept, coefficients (NaN where aliased, as lm's NA) and rank.</summary>
public sealed class OlsFit
{
    internal OlsFit(double intercept, double[] coefficients, int rank)
    {
        Intercept = intercept;
        Coefficients = coefficients;
        Rank = rank;
    }

    public double Intercept { get; }

    public IReadOnlyList<double> Coefficients { get; }

    /// <summary>Columns kept (the intercept counted).</summary>
    public int Rank { get; }

    /// <summary>The prediction for one row of <paramref name="columns"/>; aliased coefficients count as 0 (predict.lm on a rank-deficient fit).</summary>
    public double Predict(IReadOnlyList<double[]> columns, int row)
    {
        double f = Intercept;
        for (int j = 0; j < Coefficients.Count; j++) if (!double.IsNaN(Coefficients[j])) f += Coefficients[j] * columns[j][row];
        return f;
    }
}
