using System.Diagnostics;
using System.Globalization;
using Radiogenomics.Statistics;

namespace Radiogenomics.Bench;

/// <summary>
/// A random forest at the seed study's patient scale: 110 patients × 4,096 features, 500 trees, randomForest's defaults
/// (mtry 64) — <see cref="RandomForestClassifier"/> against <c>randomForest</c> 4.7 timed in the same run on the same
/// data, several seeds each side; the OOB errors, vote shares and AUCs are compared as Monte-Carlo means (a forest is
/// random), and the correlation of trees within a forest and the spread between seeds are printed beside R's.
/// </summary>
public static class ForestBenchmark
{
    public static int Run(int patients, int features, int seeds, int rSeeds, string dir)
    {
        Directory.CreateDirectory(dir);
        Console.WriteLine();
        Console.WriteLine($"classify benchmark: random forest, {patients} patients × {features:N0} features, 500 trees, mtry {new RandomForestOptions().MtryFor(features)}, {seeds} seeds ours, {rSeeds} randomForest, {Environment.ProcessorCount} cores");
        var (columns, y) = Simulate(patients, features, seed: 5);
        RandomForestClassifier.Fit(columns, y, new RandomForestOptions { Trees = 20 }); // JIT warm-up
        var ours = new Runs();
        var clock = new Stopwatch();
        for (int s = 1; s <= seeds; s++)
        {
            GC.Collect();
            clock.Restart();
            var fit = RandomForestClassifier.Fit(columns, y, new RandomForestOptions { Seed = s });
            ours.Time.Add(clock.Elapsed.TotalSeconds);
            ours.Oob.Add(fit.OobError);
            var seen = Enumerable.Range(0, y.Length).Where(i => fit.OobTrees[i] > 0).ToArray();
            ours.Share.Add(seen.Average(i => y[i] == 1 ? fit.OobScore(i) : 1 - fit.OobScore(i)));
            ours.Auc.Add(Roc.DeLong(seen.Select(fit.OobScore).ToArray(), seen.Select(i => y[i]).ToArray()).Auc);
            var votes = fit.Forest.Trees.Select((t, k) => Enumerable.Range(0, y.Length)
                .Select(i => fit.InBag[k][i] > 0 ? double.NaN : t.Vote[t.TerminalNode(columns, i)]).ToArray()).ToArray();
            ours.TreeCorrelation.Add(MeanPairCorrelation(votes));
            ours.InBagCorrelation.Add(MeanPairCorrelation(fit.InBag.Select(b => b.Select(c => (double)c).ToArray()).ToArray()));
        }

        var r = new Runs();
        string data = Path.Combine(dir, "forest.bin");
        using (var w = new BinaryWriter(File.Create(data)))
        {
            foreach (var c in columns) foreach (double v in c) w.Write(v);
            foreach (double v in y) w.Write(v);
        }
        string script = Path.Combine(AppContext.BaseDirectory, "randomforest_timing.R");
        try
        {
            if (rSeeds > 0)
            {
                var psi = new ProcessStartInfo("Rscript", $"\"{script}\" \"{data}\" {patients} {features} {rSeeds}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                using var process = Process.Start(psi)!;
                string output = process.StandardOutput.ReadToEnd();
                string err = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0) Console.WriteLine("randomForest failed: " + err.Trim());
                else
                    foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var v = line.Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                        r.Time.Add(v[0]); r.Oob.Add(v[1]); r.Share.Add(v[2]); r.Auc.Add(v[3]); r.TreeCorrelation.Add(v[4]); r.InBagCorrelation.Add(v[5]);
                    }
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("Rscript not found: no reference");
        }
        File.Delete(data);

        static double Variance(List<double> v) => v.Sum(x => (x - v.Average()) * (x - v.Average())) / (v.Count - 1);
        static string MeanSe(List<double> v, string format = "0.000") => v.Count == 0 ? "–" : v.Count < 2 ? v.Average().ToString(format, CultureInfo.InvariantCulture)
            : $"{v.Average().ToString(format, CultureInfo.InvariantCulture)} ± {Math.Sqrt(Variance(v) / v.Count).ToString(format, CultureInfo.InvariantCulture)}";
        static string Sd(List<double> v, string format) => v.Count < 2 ? "–" : Math.Sqrt(Variance(v)).ToString(format, CultureInfo.InvariantCulture);
        static string Z(List<double> a, List<double> b) => a.Count < 2 || b.Count < 2 ? "–"
            : ((a.Average() - b.Average()) / Math.Sqrt(Variance(a) / a.Count + Variance(b) / b.Count)).ToString("+0.0;-0.0", CultureInfo.InvariantCulture);
        Console.WriteLine();
        string ratio = r.Time.Count > 0 ? $"{ours.Time.Average() / r.Time.Average():0.00}×" : "–";
        Console.WriteLine($"time per forest: ours {ours.Time.Average():0.00} s (mean of {ours.Time.Count}), randomForest 4.7 (same run) {(r.Time.Count > 0 ? $"{r.Time.Average():0.00} s (mean of {r.Time.Count})" : "–")}, ratio {ratio}");
        Console.WriteLine();
        Console.WriteLine("| statistic (mean ± SE over seeds; SD between seeds) | ours | randomForest | ours − R, pooled SE | SD ours | SD R |");
        Console.WriteLine("|---|---|---|---|---|---|");
        void Row(string what, Func<Runs, List<double>> of, string format) =>
            Console.WriteLine($"| {what} | {MeanSe(of(ours), format)} | {MeanSe(of(r), format)} | {Z(of(ours), of(r))} | {Sd(of(ours), format)} | {Sd(of(r), format)} |");
        Row("OOB error", x => x.Oob, "0.000");
        Row("true-class OOB vote share", x => x.Share, "0.0000");
        Row("AUC of the OOB votes", x => x.Auc, "0.000");
        Row("tree-vote correlation within a forest", x => x.TreeCorrelation, "0.0000");
        Row("in-bag count correlation within a forest", x => x.InBagCorrelation, "0.0000");
        return 0;
    }

    /// <summary>Per-seed statistics of one side.</summary>
    private sealed class Runs
    {
        public List<double> Time { get; } = [];
        public List<double> Oob { get; } = [];
        public List<double> Share { get; } = [];
        public List<double> Auc { get; } = [];
        public List<double> TreeCorrelation { get; } = [];
        public List<double> InBagCorrelation { get; } = [];
    }

    /// <summary>
    /// Mean Pearson correlation over all pairs of rows (trees), each pair over the positions where both are not NaN; pairs
    /// with fewer than two such positions or a constant side are left out (R's <c>cor(use = "pairwise.complete.obs")</c>
    /// then <c>mean(na.rm = TRUE)</c>).
    /// </summary>
    private static double MeanPairCorrelation(double[][] rows)
    {
        double sum = 0;
        long count = 0;
        for (int a = 0; a < rows.Length; a++)
            for (int b = a + 1; b < rows.Length; b++)
            {
                double n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                var u = rows[a]; var v = rows[b];
                for (int i = 0; i < u.Length; i++)
                {
                    if (double.IsNaN(u[i]) || double.IsNaN(v[i])) continue;
                    n++; sa += u[i]; sb += v[i]; saa += u[i] * u[i]; sbb += v[i] * v[i]; sab += u[i] * v[i];
                }
                if (n < 2) continue;
                double va = saa - sa * sa / n, vb = sbb - sb * sb / n;
                if (va <= 1e-12 || vb <= 1e-12) continue;
                sum += (sab - sa * sb / n) / Math.Sqrt(va * vb);
                count++;
            }
        return count == 0 ? double.NaN : sum / count;
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
