using System.Diagnostics;
using System.Globalization;
using Radiogenomics.Stages;
using Radiogenomics.Statistics;

namespace Radiogenomics.Bench;

/// <summary>
/// associate.lme at the seed study's scale: 110 patients, 4,096 radiomic × 476 genomic features
/// (1,949,696 fits), with 20 and 475 images per patient. The reference is nlme::lme's per-fit time,
/// measured in the same run on the same machine and extrapolated to all pairs.
/// </summary>
public static class LinearMixedModelBenchmark
{
    public static void Run(int features, int genomic, int patients, int[] imagesPerPatient, string dir)
    {
        Directory.CreateDirectory(dir);
        Console.WriteLine($"associate.lme benchmark: {features} radiomic × {genomic} genomic features = {(long)features * genomic:N0} fits, {patients} patients, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| images | ours: pass 1 + BH + pass 2 with Parquet | fits/s | nlme per fit (same run) | nlme extrapolated | ratio | peak memory |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var perPatient in imagesPerPatient)
        {
            var (matrix, patientIds, covariates) = Simulate(features, genomic, patients, perPatient, seed: 11);
            var names = Enumerable.Range(1, genomic).Select(g => $"G{g:000}").ToList();
            var scan = new AssociationScan(matrix, patientIds, names, covariates, names.ToDictionary(n => n, _ => "gene"), MissingCovariatePolicy.Omit);
            GC.Collect();
            var clock = Stopwatch.StartNew();
            var p = scan.PValues();
            var q = scan.QValues(p, FdrScope.Global);
            string output = Path.Combine(dir, $"associations-{perPatient}.parquet");
            scan.Write(output, q);
            double ours = clock.Elapsed.TotalSeconds;
            long peak = Process.GetCurrentProcess().PeakWorkingSet64;

            double? nlmePerFit = NlmePerFit(matrix, patientIds, covariates, genomic, perPatient, dir);
            long pairs = (long)features * genomic;
            string reference = nlmePerFit is { } s ? $"{s * 1000:0.00} ms" : "R/nlme not installed";
            string extrapolated = nlmePerFit is { } s2 ? $"{s2 * pairs / 3600:0.0} h" : "";
            string ratio = nlmePerFit is { } s3 ? $"{s3 * pairs / ours:N0}× faster" : "";
            Console.WriteLine($"| {patients * perPatient:N0} ({perPatient}/patient) | {ours:0.0} s | {pairs / ours:N0} | {reference} | {extrapolated} | {ratio} | {peak / 1048576.0:N0} MiB |");
            File.Delete(output);
        }
    }

    /// <summary>Features with a patient random intercept; covariates at patient level; a few true effects.</summary>
    internal static (FeatureMatrix, List<string>, double[]) Simulate(int features, int genomic, int patients, int perPatient, int seed)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var covariates = new double[genomic * patients];
        for (int i = 0; i < covariates.Length; i++) covariates[i] = Normal();
        int images = patients * perPatient;
        var patientIds = Enumerable.Range(0, patients).Select(p => $"P{p:000}").ToList();
        var ids = new string?[images];
        var owner = new string?[images];
        for (int i = 0; i < images; i++) { ids[i] = $"img{i}"; owner[i] = patientIds[i / perPatient]; }
        var columns = new double[features][];
        for (int j = 0; j < features; j++)
        {
            var column = new double[images];
            var intercepts = Enumerable.Range(0, patients).Select(p => 0.7 * Normal() + (j % 50 == 0 ? 0.5 * covariates[(j % genomic) * patients + p] : 0)).ToArray();
            for (int i = 0; i < images; i++) column[i] = intercepts[i / perPatient] + Normal();
            columns[j] = column;
        }
        return (new FeatureMatrix(ids, owner, Enumerable.Range(1, features).Select(j => $"fea_{j:0000}").ToList(), columns), patientIds, covariates);
    }

    private static double? NlmePerFit(FeatureMatrix matrix, List<string> patients, double[] covariates, int genomic, int perPatient, string dir)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "nlme_timing.R");
        string csv = Path.Combine(dir, $"nlme-{perPatient}.csv");
        const int covariateCount = 5;
        using (var w = new StreamWriter(csv))
        {
            w.WriteLine("y,patient," + string.Join(",", Enumerable.Range(0, covariateCount).Select(g => $"x{g}")));
            for (int i = 0; i < matrix.ImageCount; i++)
            {
                int p = i / perPatient;
                w.WriteLine(string.Join(",", new[] { matrix.Columns[0][i].ToString("R", CultureInfo.InvariantCulture), patients[p] }
                    .Concat(Enumerable.Range(0, covariateCount).Select(g => covariates[g * patients.Count + p].ToString("R", CultureInfo.InvariantCulture)))));
            }
        }
        int fits = perPatient > 100 ? 10 : 40;
        try
        {
            var psi = new ProcessStartInfo("Rscript", $"\"{script}\" \"{csv}\" {fits}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var r = Process.Start(psi)!;
            string output = r.StandardOutput.ReadToEnd();
            r.WaitForExit();
            return r.ExitCode == 0 && double.TryParse(output.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no Rscript on this machine
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
