using System.Diagnostics;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Stages;

namespace Radiogenomics.Bench;

/// <summary>
/// The no-op rerun as a user meets it: <c>rg run</c> on this checkout's fully cached default workflow, whole process, against
/// <c>rg --version</c> (the same executable's .NET start-up and command-line parsing), medians of repeated runs in this
/// process tree; <c>rg plan</c> between them separates loading and hashing from running, archiving and the report. A child
/// process then times the engine's phases in one fresh process (JIT included, as in a real rerun): building the stage
/// registry, loading and validating the YAML, planning (input hashing through the stat cache, cache keys), and the cached run
/// itself (locking, reusing, writing the run folder and crate).
/// </summary>
public static class DefaultWorkflowNoopBenchmark
{
    /// <param name="workflowPath">The workflow to rerun, relative to the checkout (default <c>workflows/default.yaml</c>).</param>
    public static int Run(string repositoryRoot, string self, int repeats, string workflowPath = "workflows/default.yaml")
    {
        string rg = Path.Combine(repositoryRoot, "src", "Radiogenomics.Cli", "bin", "Release", "net10.0", "rg.dll");
        string workflow = Path.GetFullPath(Path.Combine(repositoryRoot, workflowPath));
        Console.WriteLine();
        if (!File.Exists(rg) || !File.Exists(workflow))
        {
            Console.WriteLine($"no-op rerun of the default workflow: {rg} or {workflow} is missing (build first: ./build.sh)");
            return 0;
        }
        // The engine's own phases first: also tells whether every stage is cached (exit 3 when not).
        var phases = new List<double[]>();
        for (int i = 0; i < repeats; i++)
        {
            var (code, output) = Capture("dotnet", $"\"{self}\" noop-phases \"{repositoryRoot}\" \"{workflow}\"", repositoryRoot);
            if (code == 3)
            {
                Console.WriteLine("no-op rerun of the default workflow: not every stage is cached in this checkout (run ./build.sh first); not measured");
                return 0;
            }
            if (code != 0) throw new Exception($"noop-phases exited with {code}: {output}");
            phases.Add(output.Trim().Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
        double version = Median(repeats, () => Time("dotnet", $"\"{rg}\" --version", repositoryRoot));
        double plan = Median(repeats, () => Time("dotnet", $"\"{rg}\" -w \"{workflow}\" plan", repositoryRoot));
        double run = Median(repeats, () => Time("dotnet", $"\"{rg}\" -w \"{workflow}\" run", repositoryRoot));
        double Phase(int k) => phases.Select(p => p[k]).Order().ElementAt(phases.Count / 2);

        Console.WriteLine($"no-op rerun of {Path.GetRelativePath(repositoryRoot, workflow)} (every stage cached), medians of {repeats} processes:");
        Console.WriteLine();
        Console.WriteLine("| measure | time | over rg --version | goal |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| rg --version (.NET start-up, command line) | {version:0.000} s | | |");
        Console.WriteLine($"| rg plan (load, validate, hash inputs, cache keys) | {plan:0.000} s | {plan - version:0.000} s | |");
        Console.WriteLine($"| rg run (plan, reuse, archive the run, report) | {run:0.000} s | {run - version:0.000} s | ≤ 0.2 s |");
        Console.WriteLine();
        Console.WriteLine($"in one fresh engine process: start-up to Main {Phase(0):0.000} s, stage registry {Phase(1):0.000} s, engine (device probe, software list) {Phase(2):0.000} s, " +
            $"load + validate {Phase(3):0.000} s, plan {Phase(4):0.000} s, cached run incl. archive {Phase(5):0.000} s");
        return 0;
    }

    /// <summary>(child) Times the phases in this fresh process and prints them; exit 3 when a stage was not cached.</summary>
    public static async Task<int> Phases(string root, string workflowPath)
    {
        double sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
        var clock = Stopwatch.StartNew();
        var registry = StageCatalog.CreateRegistry();
        double registryTime = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var engine = new WorkflowEngine(new Workspace(root), registry, new TorchDeviceProbe(), StageCatalog.Software());   // as rg builds it
        double engineTime = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var workflow = engine.Load(workflowPath);
        double load = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var plan = engine.Plan(workflow, []);
        double planTime = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var report = await engine.RunAsync(workflow, new RunRequest());
        double run = clock.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"{sinceStart:R} {registryTime:R} {engineTime:R} {load:R} {planTime:R} {run:R}"));
        return report.Succeeded && report.Stages.All(s => s.Status == StageStatus.Cached) ? 0 : 3;
    }

    private static (int Code, string Output) Capture(string file, string arguments, string directory)
    {
        using var p = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory })!;
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + stderr.Result);
    }

    private static double Time(string file, string arguments, string directory)
    {
        var clock = Stopwatch.StartNew();
        var (code, output) = Capture(file, arguments, directory);
        if (code != 0) throw new Exception($"{file} {arguments} exited with {code}: {output}");
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(int n, Func<double> f) => Enumerable.Range(0, n).Select(_ => f()).Order().ElementAt(n / 2);
}
