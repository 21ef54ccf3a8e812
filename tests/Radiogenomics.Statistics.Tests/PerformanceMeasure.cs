using System.Diagnostics;

namespace Radiogenomics.Statistics.Tests;

/// <summary>
/// Throughput of <see cref="LinearMixedModel.FitMany"/> at the study's shape (110 patients, ~475 images each, 476 covariates).
/// Explicit and assertion-free: timings depend on the machine. Run with
/// <c>dotnet run --project tests/Radiogenomics.Statistics.Tests -c Release -- -explicit only -method "*PerformanceMeasure*" -showLiveOutput</c>.
/// </summary>
public class PerformanceMeasure
{
    [Fact(Explicit = true)]
    public void FitsPerSecond()
    {
        const int patients = 110, covariateCount = 476, features = 200;
        var rng = new Random(1);
        var patientOfImage = Enumerable.Range(0, patients).SelectMany(i => Enumerable.Repeat(i, rng.Next(300, 651))).ToArray();
        var covariates = new double[covariateCount * patients];
        for (int k = 0; k < covariates.Length; k++) covariates[k] = Simulated.Normal(rng);
        var patientEffect = Enumerable.Range(0, patients).Select(_ => Simulated.Normal(rng)).ToArray();
        var featureValues = Enumerable.Range(0, features).Select(f =>
            patientOfImage.Select(p => (f % 4) * 0.3 * patientEffect[p] + Simulated.Normal(rng)).ToArray()).ToArray();

        var summary = new PatientSummary(patients);
        var results = new RandomInterceptFit[covariateCount];
        summary.Load(featureValues[0], patientOfImage);
        LinearMixedModel.FitMany(summary, covariates, results); // JIT warm-up

        var load = new Stopwatch();
        var fit = new Stopwatch();
        long evaluations = 0, boundary = 0;
        for (int f = 0; f < features; f++)
        {
            load.Start();
            summary.Load(featureValues[f], patientOfImage);
            load.Stop();
            fit.Start();
            LinearMixedModel.FitMany(summary, covariates, results);
            fit.Stop();
            foreach (var r in results) { evaluations += r.Evaluations; if (r.Status == FitStatus.BoundaryZeroPatientVariance) boundary++; }
        }
        long fits = (long)features * covariateCount;
        double perSecond = fits / fit.Elapsed.TotalSeconds;
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{fits:N0} fits, {patients} patients, {patientOfImage.Length:N0} images/feature, single thread");
        output?.WriteLine($"FitMany: {perSecond:N0} fits/s ({1e6 / perSecond:F2} µs/fit, {evaluations / (double)fits:F2} profile evaluations/fit, {100.0 * boundary / fits:F1}% boundary)");
        output?.WriteLine($"PatientSummary.Load: {load.Elapsed.TotalMilliseconds / features:F3} ms/feature");
        output?.WriteLine($"Projected 4,096 x 476 = {4096L * 476:N0} fits: {4096L * 476 / perSecond:F1} s fitting + {4096 * load.Elapsed.TotalSeconds / features:F1} s summaries, one core");
    }
}
