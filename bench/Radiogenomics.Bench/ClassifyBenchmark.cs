using System.Diagnostics;
using System.Globalization;
using Radiogenomics.Statistics;

namespace Radiogenomics.Bench;

/// <summary>
/// Cross-validated lasso at the seed study's scale: 110 patients × 20 images = 2,200 rows × 4,096 features, 5 patient
/// folds, 100 λ — <see cref="LassoCrossValidation"/> against <c>cv.glmnet(type.measure = "auc", foldid)</c> timed in the
/// same run on the same data, with the λ.min coefficients compared.
/// </summary>
public static class ClassifyBenchmark
{
    /// <param name="rounds">
    /// Interleaved rounds (ours, then cv.glmnet in a fresh Rscript), each giving one ratio: the machine may be shared, so
    /// the median and range of the ratios are reported with the load average, never a single pair of times.
    /// </param>
    public static int Run(int patients, int imagesPerPatient, int features, int rounds, string dir)
    {
        Directory.CreateDirectory(dir);
        int n = patients * imagesPerPatient;
        Console.WriteLine($"classify benchmark: cv lasso, {n:N0} rows ({patients} patients × {imagesPerPatient} images) × {features:N0} features, 5 patient folds, 100 λ, {Environment.ProcessorCount} cores, {rounds} interleaved rounds");
        var (columns, y, folds) = Simulate(patients, imagesPerPatient, features, seed: 5);
        string data = Path.Combine(dir, "cv.bin"), coefficients = Path.Combine(dir, "coef.csv");
        using (var w = new BinaryWriter(File.Create(data)))
        {
            foreach (var c in columns) foreach (double v in c) w.Write(v);
            foreach (double v in y) w.Write(v);
            foreach (int f in folds) w.Write((double)f);
        }
        string script = Path.Combine(AppContext.BaseDirectory, "glmnet_timing.R");
        var clock = new Stopwatch();
        LassoCrossValidationResult? cv = null;
        var ours = new List<double>();
        var reference = new List<double>();
        double rLambdaMin = double.NaN;
        LassoCrossValidation.Run(columns.Take(200).ToArray(), y, folds); // warm-up (JIT) on a slice of the features
        string loadBefore = BenchRounds.LoadAverage();
        for (int r = 0; r < rounds; r++)
        {
            GC.Collect();
            clock.Restart();
            cv = LassoCrossValidation.Run(columns, y, folds);
            ours.Add(clock.Elapsed.TotalSeconds);
            var line = Rscript(script, $"\"{data}\" {n} {features} \"{coefficients}\"");
            if (line is null) break;
            var parts = line.Split(' ');
            reference.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
            rLambdaMin = double.Parse(parts[2], CultureInfo.InvariantCulture);
            Console.WriteLine($"  round {r + 1}: ours {ours[^1]:0.00} s, cv.glmnet {reference[^1]:0.00} s, ratio {ours[^1] / reference[^1]:0.00}× (load {BenchRounds.LoadAverage()})");
        }
        string loadAfter = BenchRounds.LoadAverage();
        Console.WriteLine();
        Console.WriteLine("| | ours (LassoCrossValidation) | cv.glmnet 4.1 (same run) | ratio ours/R, median (range) | λ.min | max abs coefficient difference at λ.min | load average before → after |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        if (reference.Count == 0)
        {
            Console.WriteLine($"| time | {BenchRounds.Median(ours):0.00} s | – | – | {cv!.LambdaMin:G6} | – | {loadBefore} → {loadAfter} |");
            return 0;
        }
        var rCoef = File.ReadAllLines(coefficients).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        double maxDiff = Math.Abs(rCoef[0] - cv!.Fit.Intercept[cv.IndexMin]);
        for (int j = 0; j < features; j++) maxDiff = Math.Max(maxDiff, Math.Abs(rCoef[j + 1] - cv.Fit.Beta[cv.IndexMin][j]));
        var ratios = ours.Zip(reference, (a, b) => a / b).ToList();
        Console.WriteLine($"| time, median of {ratios.Count} | {BenchRounds.Median(ours):0.00} s | {BenchRounds.Median(reference):0.00} s | {BenchRounds.Median(ratios):0.00}× ({ratios.Min():0.00}–{ratios.Max():0.00}) | ours {cv.LambdaMin:G6}, R {rLambdaMin:G6} | {maxDiff:E2} | {loadBefore} → {loadAfter} |");
        File.Delete(data);
        File.Delete(coefficients);
        return 0;
    }

    /// <summary>One Rscript run; its first output line, or null (printed why) when R or glmnet is missing or failed.</summary>
    private static string? Rscript(string script, string arguments)
    {
        try
        {
            var psi = new ProcessStartInfo("Rscript", $"\"{script}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(psi)!;
            var errors = process.StandardError.ReadToEndAsync();
            string line = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            if (process.ExitCode == 0) return line;
            Console.WriteLine("cv.glmnet failed: " + errors.Result.Trim());
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("Rscript not found: no reference");
            return null;
        }
    }

    /// <summary>Image rows of patients: a patient profile (AR-correlated) plus image noise; the label follows 5 profile features.</summary>
    private static (double[][], double[], int[]) Simulate(int patients, int perPatient, int features, int seed)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        int n = patients * perPatient;
        var profile = new double[patients][];
        var label = new double[patients];
        for (int p = 0; p < patients; p++)
        {
            var v = new double[features];
            v[0] = Normal();
            for (int j = 1; j < features; j++) v[j] = 0.6 * v[j - 1] + 0.8 * Normal();
            profile[p] = v;
            label[p] = v[0] + v[100] - v[200] + 0.5 * v[300] + 0.5 * v[400] + Normal() > 0 ? 1 : 0;
        }
        var columns = new double[features][];
        for (int j = 0; j < features; j++)
        {
            columns[j] = new double[n];
            for (int i = 0; i < n; i++) columns[j][i] = profile[i / perPatient][j] + 0.5 * Normal();
        }
        var y = Enumerable.Range(0, n).Select(i => label[i / perPatient]).ToArray();
        var patientFold = StratifiedFolds.Assign(label, 5, new Random(seed));
        var folds = Enumerable.Range(0, n).Select(i => patientFold[i / perPatient]).ToArray();
        return (columns, y, folds);
    }
}
