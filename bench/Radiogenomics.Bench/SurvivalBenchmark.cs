using System.Diagnostics;
using System.Globalization;
using Radiogenomics.Statistics;

namespace Radiogenomics.Bench;

/// <summary>
/// survive's Cox regression against R survival in the same run, in interleaved rounds (ours, then R in a fresh Rscript),
/// median and range of the per-round ratios: the issue's two goals — one Cox fit on rotterdam (2,982 patients,
/// 6 covariates, Efron) as a ratio to <c>coxph.fit</c> (goal ≤ 0.5×), and a univariable screen (10,000 features × 1,000
/// patients, all cores, as survive.cox screens) against a loop of <c>coxph</c> timed on a sample of the features and
/// extrapolated (goal ≥ 100× faster) — and Harrell's C with its SE on the rotterdam fit's linear predictor against
/// survival's <c>concordance()</c>. Both sides' coefficients (and C) are compared, so a fast wrong answer shows.
/// </summary>
public static class SurvivalBenchmark
{
    /// <param name="rounds">Interleaved rounds of each comparison; median and range of the ratios.</param>
    public static int Run(int features, int patients, int rFits, int rounds, string dir)
    {
        Directory.CreateDirectory(dir);
        try
        {
            Console.WriteLine($"survive benchmark ({Environment.ProcessorCount} cores); R survival in the same run, {rounds} interleaved rounds per row");
            Console.WriteLine();
            var rows = new List<string>();
            if (!Rotterdam(dir, rounds, rows)) return 1;
            Screen(features, patients, rFits, rounds, dir, rows);
            Console.WriteLine();
            Console.WriteLine("| task | ours | R survival (same run) | ratio, median (range) | goal | largest relative difference to R |");
            Console.WriteLine("|---|---|---|---|---|---|");
            foreach (var row in rows) Console.WriteLine(row);
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// One Cox fit on rotterdam, timed as coxph.fit is: from unsorted (time, status) and covariate columns — the sort of
    /// the subjects (a <see cref="SurvivalSample"/>) is inside the timed loop on our side as <c>order()</c> is on R's; no
    /// concordance on either side (coxph.fit computes none; coxph() adds it in concordancefit, timed in its own row).
    /// </summary>
    private static bool Rotterdam(string dir, int rounds, List<string> table)
    {
        const int reps = 200; // per round and side: about a second of fits, so that one round is not one scheduler slice
        var ours = new List<double>();
        var reference = new List<double>();
        var oursConcordance = new List<double>();
        var referenceConcordance = new List<double>();
        CoxFit? fit = null;
        ConcordanceResult? concordance = null;
        double[]? rHeader = null;
        double[][]? rCoefficients = null;
        string loadBefore = BenchRounds.LoadAverage();
        for (int round = 0; round < rounds; round++)
        {
            var r = Rscript("rotterdam", dir, reps);
            if (r is null) { Console.WriteLine("Rscript with r-cran-survival not found: no survive benchmark"); return false; }
            (rHeader, rCoefficients) = r.Value;
            var rows = File.ReadAllLines(Path.Combine(dir, "rotterdam.csv")).Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            var time = rows.Select(x => x[0]).ToArray();
            var status = rows.Select(x => (int)x[1]).ToArray();
            var covariates = Enumerable.Range(2, 6).Select(j => rows.Select(x => x[j]).ToArray()).ToList();
            if (round == 0)
            {
                // warm-up: past tiered compilation's call counting and its background tier-1 compile (a second of fits)
                var warm = Stopwatch.StartNew();
                while (warm.Elapsed.TotalSeconds < 1)
                {
                    fit = CoxRegression.Fit(new SurvivalSample(time, status), covariates, concordance: false);
                    HarrellConcordance.Compute(new SurvivalSample(time, status), fit.LinearPredictor.ToArray());
                }
            }
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < reps; i++) fit = CoxRegression.Fit(new SurvivalSample(time, status), covariates, concordance: false);
            ours.Add(clock.Elapsed.TotalSeconds / reps);
            reference.Add(rHeader[0]);

            var sample = new SurvivalSample(time, status);
            var score = fit!.LinearPredictor.ToArray();
            clock.Restart();
            for (int i = 0; i < reps; i++) concordance = HarrellConcordance.Compute(sample, score);
            oursConcordance.Add(clock.Elapsed.TotalSeconds / reps);
            referenceConcordance.Add(rHeader[1]);
            Console.WriteLine($"  rotterdam round {round + 1}: fit ours {ours[^1] * 1000:0.000} ms, coxph.fit {reference[^1] * 1000:0.000} ms, ratio {ours[^1] / reference[^1]:0.00}×; " +
                $"concordance ours {oursConcordance[^1] * 1000:0.000} ms, concordance() {referenceConcordance[^1] * 1000:0.000} ms (load {BenchRounds.LoadAverage()})");
        }
        var ratios = ours.Zip(reference, (a, b) => a / b).ToList();
        var concordanceRatios = oursConcordance.Zip(referenceConcordance, (a, b) => a / b).ToList();
        double difference = fit!.Coefficients.Zip(rCoefficients!).Max(x => Math.Abs(x.First - x.Second[0]) / Math.Abs(x.Second[0]));
        double concordanceDifference = Math.Max(Math.Abs(concordance!.Concordance - rHeader![2]) / rHeader[2], Math.Abs(concordance.StandardError - rHeader[3]) / rHeader[3]);
        double median = BenchRounds.Median(ratios);
        string load = $"load {loadBefore} → {BenchRounds.LoadAverage()}";
        table.Add($"| Cox fit, rotterdam (2,982 × 6, Efron; sort included, no concordance on either side), {load} | {BenchRounds.Median(ours) * 1000:0.000} ms | coxph.fit {BenchRounds.Median(reference) * 1000:0.000} ms | " +
            $"{median:0.00}× the time ({ratios.Min():0.00}–{ratios.Max():0.00}) | ≤ 0.5×: {(median <= 0.5 ? "met" : "not met")} | {difference:E1} (coefficients) |");
        table.Add($"| Harrell's C and its SE of that fit's linear predictor (sorted sample given) | {BenchRounds.Median(oursConcordance) * 1000:0.000} ms | concordance(reverse = TRUE) {BenchRounds.Median(referenceConcordance) * 1000:0.000} ms | " +
            $"{BenchRounds.Median(concordanceRatios):0.00}× the time ({concordanceRatios.Min():0.00}–{concordanceRatios.Max():0.00}) | — | {concordanceDifference:E1} (C and SE) |");
        return true;
    }

    private static void Screen(int features, int patients, int rFits, int rounds, string dir, List<string> table)
    {
        var rng = new Random(13);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var x = new double[features][];
        for (int j = 0; j < features; j++) { x[j] = new double[patients]; for (int i = 0; i < patients; i++) x[j][i] = Normal(); }
        var time = new double[patients];
        var status = new int[patients];
        for (int i = 0; i < patients; i++)
        {
            double eventTime = -Math.Log(1 - rng.NextDouble()) / (0.1 * Math.Exp(0.5 * x[0][i] - 0.3 * x[1][i]));
            double censor = 20 * rng.NextDouble();
            time[i] = Math.Round(Math.Min(eventTime, censor), 2); // some ties, as day-resolution follow-up has
            status[i] = eventTime <= censor ? 1 : 0;
        }
        using (var w = new BinaryWriter(File.Create(Path.Combine(dir, "screen.bin"))))
        {
            foreach (var v in time) w.Write(v);
            foreach (var v in status) w.Write((double)v);
            foreach (var column in x.Take(rFits)) foreach (var v in column) w.Write(v);
        }
        File.WriteAllText(Path.Combine(dir, "screen.dim"), $"{patients} {features}");

        var sample = new SurvivalSample(time, status);
        CoxRegression.Fit(sample, [x[0]], concordance: false);
        CoxScreen.Fit(sample, x.Take(1000).ToList()); // warm-up (JIT)
        // the single-fit path (one CoxRegression.Fit per feature, all cores), for the speed-up of the shared screen
        var single = new CoxFit[features];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, features, j => single[j] = CoxRegression.Fit(sample, [x[j]], concordance: false));
        double singlePath = clock.Elapsed.TotalSeconds;

        var ours = new List<double>();
        var perFit = new List<double>();
        CoxScreenFit[] fits = [];
        double[][] rValues = [];
        string loadBefore = BenchRounds.LoadAverage();
        for (int round = 0; round < rounds; round++)
        {
            clock.Restart();
            fits = CoxScreen.Fit(sample, x);
            var p = fits.Select(f => f.P).ToArray();
            BenjaminiHochberg.Adjust(p, new double[p.Length]);
            ours.Add(clock.Elapsed.TotalSeconds);
            var r = Rscript("screen", dir, rFits);
            if (r is null) { Console.WriteLine("Rscript not found: no screen reference"); return; }
            perFit.Add(r.Value.Header[0]);
            rValues = r.Value.Values;
            Console.WriteLine($"  screen round {round + 1}: ours {ours[^1]:0.000} s, coxph loop {perFit[^1] * 1000:0.000} ms per fit → {perFit[^1] * features:0.0} s, {perFit[^1] * features / ours[^1]:0}× faster (load {BenchRounds.LoadAverage()})");
        }
        double agreement = Enumerable.Range(0, features).Max(j => Math.Max(Math.Abs(fits[j].Coefficient - single[j].Coefficients[0]) / Math.Abs(single[j].Coefficients[0]),
            Math.Abs(fits[j].StandardError - single[j].StandardErrors[0]) / single[j].StandardErrors[0]));
        double difference = 0;
        for (int j = 0; j < rFits; j++)
        {
            difference = Math.Max(difference, Math.Abs(fits[j].Coefficient - rValues[j][0]) / Math.Abs(rValues[j][0]));
            difference = Math.Max(difference, Math.Abs(fits[j].StandardError - rValues[j][1]) / rValues[j][1]);
        }
        var speedups = ours.Zip(perFit, (a, b) => b * features / a).ToList();
        double median = BenchRounds.Median(speedups), oursMedian = BenchRounds.Median(ours);
        table.Add($"| univariable screen, {features:N0} features × {patients:N0} patients, BH (CoxScreen: shared risk sets, {Environment.ProcessorCount} cores), load {loadBefore} → {BenchRounds.LoadAverage()} | {oursMedian:0.000} s ({features / oursMedian:N0} fits/s) | " +
            $"coxph loop {BenchRounds.Median(perFit) * 1000:0.000} ms per fit ({rFits} timed) → {BenchRounds.Median(perFit) * features:0} s | {median:0}× faster ({speedups.Min():0}–{speedups.Max():0}) | ≥ 100×: {(median >= 100 ? "met" : "not met")} | {difference:E1} (coef and SE of the {rFits} R fitted) |");
        table.Add($"| the same screen by the single-fit path (CoxRegression.Fit per feature, once) | {singlePath:0.000} s | — | CoxScreen {singlePath / oursMedian:0.0}× faster than this path | — | {agreement:E1} (CoxScreen vs single fits, all features) |");
    }

    /// <summary>Runs cox_timing.R; its first line's numbers (timings first) and the value rows after it.</summary>
    private static (double[] Header, double[][] Values)? Rscript(string mode, string dir, int count)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "cox_timing.R");
        try
        {
            var psi = new ProcessStartInfo("Rscript", $"\"{script}\" {mode} \"{dir}\" {count}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(psi)!;
            var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            process.WaitForExit();
            if (process.ExitCode != 0 || lines.Length == 0) return null;
            static double[] Numbers(string line) => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return (Numbers(lines[0]), lines.Skip(1).Select(Numbers).ToArray());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
