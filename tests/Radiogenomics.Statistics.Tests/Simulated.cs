namespace Radiogenomics.Statistics.Tests;

/// <summary>Seeded synthetic random-intercept data for property tests (independent of the R golden files).</summary>
internal sealed class Simulated
{
    public required double[] Y { get; init; }
    public required int[] Patient { get; init; }
    public required double[] X { get; init; }
    public int PatientCount => X.Length;

    public static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    public static Simulated Draw(Random rng, int patients, int minImages, int maxImages, double sigmaB, double sigma = 1, double beta = 0.3,
        double offset = 0, double scale = 1)
    {
        var x = new double[patients];
        var y = new List<double>();
        var patient = new List<int>();
        for (int i = 0; i < patients; i++)
        {
            x[i] = Normal(rng);
            double b = sigmaB * Normal(rng);
            int n = rng.Next(minImages, maxImages + 1);
            for (int j = 0; j < n; j++)
            {
                y.Add(offset + scale * (beta * x[i] + b + sigma * Normal(rng)));
                patient.Add(i);
            }
        }
        return new Simulated { Y = y.ToArray(), Patient = patient.ToArray(), X = x };
    }

    public PatientSummary Summary() => PatientSummary.FromImages(Y, Patient, PatientCount);

    public RandomInterceptFit Fit() => LinearMixedModel.Fit(Summary(), X);
}
