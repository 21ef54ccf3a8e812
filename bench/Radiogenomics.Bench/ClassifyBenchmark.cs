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
    public static int Run(int patients, int imagesPerPatient, int features, int repeats, string dir)
    {
        Directory.CreateDirectory(dir);
        int n = patients * imagesPerPatient;
        Console.WriteLine($"classify benchmark: cv lasso, {n:N0} rows ({patients} patients × {imagesPerPatient} images) × {features:N0} features, 5 patient folds, 100 λ, {Environment.ProcessorCount} cores");
        var (columns, y, folds) = Simulate(patients, imagesPerPatient, features, seed: 5);
        var clock = new Stopwatch();
        LassoCrossValidationResult? cv = null;
        var times = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            GC.Collect();
            clock.Restart();
            cv = LassoCrossValidation.Run(columns, y, folds);
            times.Add(clock.Elapsed.TotalSeconds);
        }
        double ours = times.Min();

        string data = Path.Combine(dir, "cv.bin"), coefficients = Path.Combine(dir, "coef.csv");
        using (var w = new BinaryWriter(File.Create(data)))
        {
            foreach (var c in columns) foreach (double v in c) w.Write(v);
            foreach (double v in y) w.Write(v);
            foreach (int f in folds) w.Write((double)f);
        }
        string script = Path.Combine(AppContext.BaseDirectory, "glmnet_timing.R");
        string? line = null;
        try
        {
            var psi = new ProcessStartInfo("Rscript", $"\"{script}\" \"{data}\" {n} {features} \"{coefficients}\"") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(psi)!;
            line = process.StandardOutput.ReadToEnd().Trim();
            string err = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) { Console.WriteLine("cv.glmnet failed: " + err.Trim()); line = null; }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("Rscript not found: no reference");
        }
        Console.WriteLine();
        Console.WriteLine("| | ours (LassoCrossValidation) | cv.glmnet 4.1 (same run) | ratio ours/R | λ.min | max abs coefficient difference at λ.min |");
        Console.WriteLine("|---|---|---|---|---|---|");
        if (line is null)
        {
            Console.WriteLine($"| time | {ours:0.00} s | – | – | {cv!.LambdaMin:G6} | – |");
            return 0;
        }
        var parts = line.Split(' ');
        double reference = double.Parse(parts[0], CultureInfo.InvariantCulture);
        double rLambdaMin = double.Parse(parts[2], CultureInfo.InvariantCulture);
        var rCoef = File.ReadAllLines(coefficients).Skip(1).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        double maxDiff = Math.Abs(rCoef[0] - cv!.Fit.Intercept[cv.IndexMin]);
        for (int j = 0; j < features; j++) maxDiff = Math.Max(maxDiff, Math.Abs(rCoef[j + 1] - cv.Fit.Beta[cv.IndexMin][j]));
        Console.WriteLine($"| time | {ours:0.00} s (best of {repeats}) | {reference:0.00} s | {ours / reference:0.00}× | ours {cv.LambdaMin:G6}, R {rLambdaMin:G6} | {maxDiff:E2} |");
        File.Delete(data);
        File.Delete(coefficients);
        return 0;
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
