using System.Diagnostics;
using System.Globalization;
using Radiogenomics.Statistics;

namespace Radiogenomics.Bench;

/// <summary>
/// A random forest at the seed study's patient scale: 110 patients × 4,096 features, 500 trees, randomForest's defaults
/// (mtry 64) — <see cref="RandomForestClassifier"/> against <c>randomForest</c> 4.7 timed in the same run on the same
/// data, several seeds each side; the OOB errors are compared as Monte-Carlo means (a forest is random).
/// </summary>
public static class ForestBenchmark
{
    public static int Run(int patients, int features, int seeds, string dir)
    {
        Directory.CreateDirectory(dir);
        Console.WriteLine();
        Console.WriteLine($"classify benchmark: random forest, {patients} patients × {features:N0} features, 500 trees, mtry {new RandomForestOptions().MtryFor(features)}, {seeds} seeds each side, {Environment.ProcessorCount} cores");
        var (columns, y) = Simulate(patients, features, seed: 5);
        RandomForestClassifier.Fit(columns, y, new RandomForestOptions { Trees = 20 }); // JIT warm-up
        var times = new List<double>();
        var oob = new List<double>();
        var share = new List<double>();
        var clock = new Stopwatch();
        for (int s = 1; s <= seeds; s++)
        {
            GC.Collect();
            clock.Restart();
            var fit = RandomForestClassifier.Fit(columns, y, new RandomForestOptions { Seed = s });
            times.Add(clock.Elapsed.TotalSeconds);
            oob.Add(fit.OobError);
            share.Add(Enumerable.Range(0, y.Length).Where(i => fit.OobTrees[i] > 0)
                .Average(i => y[i] == 1 ? fit.OobScore(i) : 1 - fit.OobScore(i)));
        }

        string data = Path.Combine(dir, "forest.bin");
        using (var w = new BinaryWriter(File.Create(data)))
        {
            foreach (var c in columns) foreach (double v in c) w.Write(v);
            foreach (double v in y) w.Write(v);
        }
        string script = Path.Combine(AppContext.BaseDirectory, "randomforest_timing.R");
        var rTimes = new List<double>();
        var rOob = new List<double>();
        var rShare = new List<double>();
        try
        {
            var psi = new ProcessStartInfo("Rscript", $"\"{script}\" \"{data}\" {patients} {features} {seeds}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(psi)!;
            string output = process.StandardOutput.ReadToEnd();
            string err = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) Console.WriteLine("randomForest failed: " + err.Trim());
            else
                foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = line.Split(' ');
                    rTimes.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
                    rOob.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
                    rShare.Add(double.Parse(parts[2], CultureInfo.InvariantCulture));
                }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("Rscript not found: no reference");
        }
        File.Delete(data);

        static double Variance(List<double> v) => v.Sum(x => (x - v.Average()) * (x - v.Average())) / (v.Count - 1);
        static string MeanSe(List<double> v, string format = "0.000") => v.Count < 2 ? v.Average().ToString(format, CultureInfo.InvariantCulture)
            : $"{v.Average().ToString(format, CultureInfo.InvariantCulture)} ± {Math.Sqrt(Variance(v) / v.Count).ToString(format, CultureInfo.InvariantCulture)}";
        Console.WriteLine();
        Console.WriteLine("| | ours (RandomForestClassifier) | randomForest 4.7 (same run) | ratio ours/R | OOB error ours | OOB error R | true-class OOB vote share ours | R |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        if (rTimes.Count == 0)
        {
            Console.WriteLine($"| time per forest | {times.Average():0.00} s (mean of {seeds}) | – | – | {MeanSe(oob)} | – | {MeanSe(share, "0.0000")} | – |");
            return 0;
        }
        Console.WriteLine($"| time per forest | {times.Average():0.00} s (mean of {seeds}) | {rTimes.Average():0.00} s (mean of {rTimes.Count}) | {times.Average() / rTimes.Average():0.00}× | {MeanSe(oob)} | {MeanSe(rOob)} | {MeanSe(share, "0.0000")} | {MeanSe(rShare, "0.0000")} |");
        static double Z(List<double> a, List<double> b) => (a.Average() - b.Average()) / Math.Sqrt(Variance(a) / a.Count + Variance(b) / b.Count);
        if (seeds > 1 && rOob.Count > 1)
            Console.WriteLine($"ours − R in pooled SE: OOB error {Z(oob, rOob):+0.0;-0.0}, true-class vote share {Z(share, rShare):+0.0;-0.0}");
        return 0;
    }

    /// <summary>Patient rows: an AR-correlated profile per patient; the label follows 5 of its features (as the lasso benchmark's).</summary>
    private static (double[][], double[]) Simulate(int patients, int features, int seed)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var columns = Enumerable.Range(0, features).Select(_ => new double[patients]).ToArray();
        var label = new double[patients];
        for (int p = 0; p < patients; p++)
        {
            columns[0][p] = Normal();
            for (int j = 1; j < features; j++) columns[j][p] = 0.6 * columns[j - 1][p] + 0.8 * Normal();
            label[p] = columns[0][p] + columns[100][p] - columns[200][p] + 0.5 * columns[300][p] + 0.5 * columns[400][p] + Normal() > 0 ? 1 : 0;
        }
        return (columns, label);
    }
}
