using System.Diagnostics;
using System.Globalization;
using Radiogenomics.Statistics;

namespace Radiogenomics.Bench;

/// <summary>
/// survive's Cox regression against R survival in the same run: one Cox fit on rotterdam (2,982 patients, 6 covariates,
/// Efron) as a ratio to <c>coxph.fit</c>, and a univariable screen (10,000 features × 1,000 patients, all cores, as
/// survive.cox screens) against a loop of <c>coxph</c> timed on a sample of the features and extrapolated. Both sides'
/// coefficients are compared, so a fast wrong answer shows.
/// </summary>
public static class SurvivalBenchmark
{
    /// <param name="rounds">Interleaved rounds of the rotterdam fit (ours, then coxph.fit in a fresh Rscript); median and range of the ratios.</param>
    public static int Run(int features, int patients, int rFits, int rounds, string dir)
    {
        Directory.CreateDirectory(dir);
        try
        {
            Console.WriteLine($"survive benchmark ({Environment.ProcessorCount} cores); R survival in the same run");
            Console.WriteLine();
            Console.WriteLine("| task | ours | R survival (same run) | ratio | largest relative coefficient difference |");
            Console.WriteLine("|---|---|---|---|---|");
            if (!Rotterdam(dir, rounds)) return 1;
            Screen(features, patients, rFits, dir);
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// One Cox fit on rotterdam, timed as coxph.fit is: from unsorted (time, status) and covariate columns — the sort of
    /// the subjects (a <see cref="SurvivalSample"/>) is inside the timed loop on our side as <c>order()</c> is on R's.
    /// </summary>
    private static bool Rotterdam(string dir, int rounds)
    {
        const int reps = 200; // per round and side: about a second of fits, so that one round is not one scheduler slice
        var ours = new List<double>();
        var reference = new List<double>();
        var withConcordance = new List<double>();
        CoxFit? fit = null;
        double[][]? rCoefficients = null;
        string loadBefore = BenchRounds.LoadAverage();
        for (int round = 0; round < rounds; round++)
        {
            var r = Rscript("rotterdam", dir, reps);
            if (r is null) { Console.WriteLine("| Cox fit, rotterdam | — | Rscript with r-cran-survival not found | — | — |"); return false; }
            rCoefficients = r.Value.Values;
            var rows = File.ReadAllLines(Path.Combine(dir, "rotterdam.csv")).Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            var time = rows.Select(x => x[0]).ToArray();
            var status = rows.Select(x => (int)x[1]).ToArray();
            var covariates = Enumerable.Range(2, 6).Select(j => rows.Select(x => x[j]).ToArray()).ToList();
            if (round == 0)
            {
                // warm-up: past tiered compilation's call counting and its background tier-1 compile (a second of fits)
                var warm = Stopwatch.StartNew();
                while (warm.Elapsed.TotalSeconds < 1) fit = CoxRegression.Fit(new SurvivalSample(time, status), covariates, concordance: false);
            }
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < reps; i++) fit = CoxRegression.Fit(new SurvivalSample(time, status), covariates, concordance: false);
            ours.Add(clock.Elapsed.TotalSeconds / reps);
            reference.Add(r.Value.Seconds);
            if (round == 0)
            {
                var sample = new SurvivalSample(time, status);
                clock.Restart();
                for (int i = 0; i < reps; i++) CoxRegression.Fit(sample, covariates);
                withConcordance.Add(clock.Elapsed.TotalSeconds / reps);
            }
            Console.WriteLine($"  round {round + 1}: ours {ours[^1] * 1000:0.00} ms, coxph.fit {reference[^1] * 1000:0.00} ms, ratio {ours[^1] / reference[^1]:0.00}× (load {BenchRounds.LoadAverage()})");
        }
        var ratios = ours.Zip(reference, (a, b) => a / b).ToList();
        double difference = fit!.Coefficients.Zip(rCoefficients!).Max(x => Math.Abs(x.First - x.Second[0]) / Math.Abs(x.Second[0]));
        Console.WriteLine($"| Cox fit, rotterdam (2,982 × 6, Efron; sort included), median of {rounds} rounds, load {loadBefore} → {BenchRounds.LoadAverage()} | {BenchRounds.Median(ours) * 1000:0.00} ms ({withConcordance[0] * 1000:0.00} ms with the concordance and its SE, sorted once) | coxph.fit {BenchRounds.Median(reference) * 1000:0.00} ms | {BenchRounds.Median(ratios):0.00}× the time ({ratios.Min():0.00}–{ratios.Max():0.00}) | {difference:E1} |");
        return true;
    }

    private static void Screen(int features, int patients, int rFits, string dir)
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
        CoxScreen.Fit(sample, x.Take(100).ToList()); // warm-up (JIT)
        // the single-fit path (one CoxRegression.Fit per feature, all cores), for the speed-up of the shared screen
        var single = new CoxFit[features];
        var clock = Stopwatch.StartNew();
        Parallel.For(0, features, j => single[j] = CoxRegression.Fit(sample, [x[j]], concordance: false));
        double singlePath = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var fits = CoxScreen.Fit(sample, x);
        var p = fits.Select(f => f.P).ToArray();
        BenjaminiHochberg.Adjust(p, new double[p.Length]);
        double ours = clock.Elapsed.TotalSeconds;
        double agreement = Enumerable.Range(0, features).Max(j => Math.Max(Math.Abs(fits[j].Coefficient - single[j].Coefficients[0]) / Math.Abs(single[j].Coefficients[0]),
            Math.Abs(fits[j].StandardError - single[j].StandardErrors[0]) / single[j].StandardErrors[0]));

        var r = Rscript("screen", dir, rFits);
        if (r is null) { Console.WriteLine($"| univariable screen {features:N0} × {patients:N0} | {ours:0.00} s | Rscript not found | — | — |"); return; }
        double extrapolated = r.Value.Seconds * features;
        double difference = 0;
        for (int j = 0; j < rFits; j++)
        {
            difference = Math.Max(difference, Math.Abs(fits[j].Coefficient - r.Value.Values[j][0]) / Math.Abs(r.Value.Values[j][0]));
            difference = Math.Max(difference, Math.Abs(fits[j].StandardError - r.Value.Values[j][1]) / r.Value.Values[j][1]);
        }
        Console.WriteLine($"| univariable screen, {features:N0} features × {patients:N0} patients, BH (CoxScreen: shared risk sets) | {ours:0.000} s ({features / ours:N0} fits/s) | coxph loop {r.Value.Seconds * 1000:0.00} ms per fit ({rFits} timed) → {extrapolated:0} s | {extrapolated / ours:N0}× faster | {difference:E1} (coef and SE of the {rFits} R fitted) |");
        Console.WriteLine($"| the same screen by the single-fit path (CoxRegression.Fit per feature) | {singlePath:0.000} s | — | {extrapolated / singlePath:N0}× faster than R; CoxScreen {singlePath / ours:0.0}× faster | {agreement:E1} (CoxScreen vs single fits, all features) |");
    }

    private static (double Seconds, double[][] Values)? Rscript(string mode, string dir, int count)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "cox_timing.R");
        try
        {
            var psi = new ProcessStartInfo("Rscript", $"\"{script}\" {mode} \"{dir}\" {count}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(psi)!;
            var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            process.WaitForExit();
            if (process.ExitCode != 0 || lines.Length == 0) return null;
            var values = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            return (double.Parse(lines[0], CultureInfo.InvariantCulture), values);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
