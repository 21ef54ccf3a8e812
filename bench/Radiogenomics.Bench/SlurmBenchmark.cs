using System.Diagnostics;
using System.Globalization;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Execution.OutOfProcess;
using Radiogenomics.Engine.Execution.Slurm;
using Radiogenomics.Stages;

namespace Radiogenomics.Bench;

/// <summary>
/// associate.lme at the seed study's scale split into shards on the Slurm cluster (scripts/slurm-local.sh) against
/// the same stage run whole in this process, in the same workspace and run: wall time of each run of the stage
/// (Slurm's includes the shared-file-system probe, submission, polling, the shards' start-up and the merge), whether
/// the bytes are the same, and how many shards a rerun after one injected shard failure runs.
/// </summary>
public static class SlurmBenchmark
{
    public static int Run(int features, int genomic, int patients, int perPatient, int shards, string dir)
    {
        if (!ClusterUp())
        {
            Console.WriteLine("slurm benchmark skipped: no Slurm cluster answers (sudo scripts/slurm-local.sh start)");
            return 0;
        }
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        Console.WriteLine($"associate.lme on Slurm: {features} radiomic × {genomic} genomic features = {(long)features * genomic:N0} fits, {patients} patients × {perPatient} images, " +
                          $"{shards} shards on the local single-node cluster ({Environment.ProcessorCount} cores) vs in-process");
        WriteTables(features, genomic, patients, perPatient, dir);
        File.WriteAllText(Path.Combine(dir, "wf.yaml"), """
            workflow: bench-slurm
            stages:
              - id: tables
                uses: fetch.tables
                inputs: {features: features.csv, genomics: [genomic.tsv]}
              - id: associate
                uses: associate.lme
                needs: [tables]
            """);
        var workspace = new Workspace(dir);
        var local = new WorkflowEngine(workspace, StageCatalog.CreateRegistry());
        var workflow = local.Load(Path.Combine(dir, "wf.yaml"));
        Check(local.RunAsync(workflow, new RunRequest { Targets = ["tables"], Archive = false }).GetAwaiter().GetResult());

        var clock = Stopwatch.StartNew();
        var inProcess = Check(local.RunAsync(workflow, new RunRequest { Targets = ["associate"], Archive = false }).GetAwaiter().GetResult());
        double localSeconds = clock.Elapsed.TotalSeconds;

        string rg = Path.Combine(RepositoryRoot(), "src", "Radiogenomics.Cli", "bin", "Release", "net10.0", "rg.dll");
        var profile = new SlurmProfile
        {
            Retries = 0, PollSeconds = 0.1, Worker = new WorkerCommand("dotnet", [rg]),
            Kinds = new Dictionary<string, SlurmKindResources> { ["associate.lme"] = new() { Shards = shards, Cpus = 1 } },
        };
        var slurm = new WorkflowEngine(workspace, StageCatalog.CreateRegistry(), executor: new SlurmExecutor(workspace, profile));
        clock.Restart();
        var sharded = Check(slurm.RunAsync(workflow, new RunRequest { Targets = ["associate"], Force = true, Archive = false }).GetAwaiter().GetResult());
        double slurmSeconds = clock.Elapsed.TotalSeconds;
        var phases = (System.Text.Json.JsonElement)sharded["associate"].Record!.Facts["shards"]!;
        bool identical = sharded["associate"].Record!.Outputs.All(o => inProcess["associate"].Record!.Outputs[o.Key].Sha256 == o.Value.Sha256);

        // One shard fails for good, then the rerun: only the failed shard should run.
        Directory.Delete(Path.Combine(workspace.CacheDirectory, "shards"), recursive: true);
        var failing = new WorkflowEngine(workspace, StageCatalog.CreateRegistry(), executor: new SlurmExecutor(workspace, profile,
            new SlurmCommands { Environment = new Dictionary<string, string> { [StageWorker.InjectFailureVariable] = "associate:3" } }));
        var failed = failing.RunAsync(workflow, new RunRequest { Targets = ["associate"], Force = true, Archive = false }).GetAwaiter().GetResult();
        if (failed.Succeeded) throw new InvalidOperationException("the injected shard failure did not fail the stage");
        var resumed = Check(slurm.RunAsync(workflow, new RunRequest { Targets = ["associate"], Force = true, Archive = false }).GetAwaiter().GetResult());
        var rerun = ((System.Text.Json.JsonElement)resumed["associate"].Record!.Facts["shards"]!).GetProperty("ran").EnumerateArray().Select(e => e.GetInt32()).ToList();

        Console.WriteLine();
        Console.WriteLine("| run of associate.lme | wall time | ratio to in-process |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| in-process, whole | {localSeconds:0.0} s | 1.00× |");
        Console.WriteLine($"| Slurm, {shards} shards (one array) | {slurmSeconds:0.0} s (shards {phases.GetProperty("shards_seconds").GetDouble():0.0} s, merge {phases.GetProperty("merge_seconds").GetDouble():0.0} s) | {slurmSeconds / localSeconds:0.00}× |");
        Console.WriteLine();
        Console.WriteLine($"bytes of every output identical to the in-process run: {(identical ? "yes" : "NO")}");
        Console.WriteLine($"shards rerun after one injected shard failure: {rerun.Count} ({string.Join(", ", rerun)}) of {shards}");
        Directory.Delete(dir, recursive: true);
        return identical && rerun.Count == 1 ? 0 : 1;
    }

    private static RunReport Check(RunReport report) =>
        report.Succeeded ? report : throw new InvalidOperationException(string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Status} {s.Error}")));

    private static void WriteTables(int features, int genomic, int patients, int perPatient, string dir)
    {
        var (matrix, patientIds, covariates) = LinearMixedModelBenchmark.Simulate(features, genomic, patients, perPatient, seed: 11);
        using (var w = new StreamWriter(Path.Combine(dir, "features.csv")))
        {
            w.WriteLine("image_id,patient_id," + string.Join(",", matrix.FeatureNames));
            var line = new System.Text.StringBuilder();
            for (int i = 0; i < matrix.ImageCount; i++)
            {
                line.Clear().Append(matrix.ImageIds[i]).Append(',').Append(matrix.PatientIds[i]);
                for (int j = 0; j < features; j++) line.Append(',').Append(matrix.Columns[j][i].ToString("R", CultureInfo.InvariantCulture));
                w.WriteLine(line);
            }
        }
        using (var w = new StreamWriter(Path.Combine(dir, "genomic.tsv")))
        {
            w.WriteLine("patient_id\t" + string.Join("\t", Enumerable.Range(1, genomic).Select(g => $"G{g:000}")));
            for (int p = 0; p < patients; p++)
                w.WriteLine(patientIds[p] + "\t" + string.Join("\t", Enumerable.Range(0, genomic).Select(g => covariates[g * patients + p].ToString("R", CultureInfo.InvariantCulture))));
        }
    }

    private static bool ClusterUp()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("sinfo", ["-h", "-o", "%T"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 && (output.Contains("idle", StringComparison.Ordinal) || output.Contains("mix", StringComparison.Ordinal) || output.Contains("alloc", StringComparison.Ordinal));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Radiogenomics.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
