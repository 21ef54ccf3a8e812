namespace Radiogenomics.Statistics;

/// <summary>The α and λ <see cref="ElasticNetGrid.Select"/> chose, their cross-validated MSE, and the model at them (original scale).</summary>
public sealed record ElasticNetGridChoice(double Alpha, double Lambda, double CvMse, double Intercept, double[] Beta)
{
    public int NonZero => Beta.Count(b => b != 0);

    public double Predict(IReadOnlyList<double[]> columns, int row)
    {
        double f = Intercept;
        for (int j = 0; j < Beta.Length; j++) if (Beta[j] != 0) f += Beta[j] * columns[j][row];
        return f;
    }
}
