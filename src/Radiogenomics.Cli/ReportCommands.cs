using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Provenance;
using Radiogenomics.Report;

namespace Radiogenomics.Cli;

/// <summary>
/// <c>rg report</c> and <c>rg dag</c>, and the report every run ends with. A run is found through its folder and
/// RO-Crate: the one named, else the newest run folder under runs/ (at any depth up to two; run ids begin with their start time) that holds a crate.
/// </summary>
public static class ReportCommands
{
    /// <summary>Writes the run's report and prints its path; 0, or 2 when there is no such run.</summary>
    public static int Report(Workspace workspace, string? runDirectory)
    {
        if (Resolve(workspace, runDirectory) is not { } dir) return 2;
        string path = RunReportPage.Write(dir);
        Console.WriteLine($"report: {Relative(path)} ({new FileInfo(path).Length / 1048576.0:0.0} MiB)");
        return 0;
    }

    /// <summary>Draws the run's workflow DAG coloured by what the run did, as SVG (default: dag.svg in the run folder).</summary>
    public static int Dag(Workspace workspace, string? runDirectory, string? output)
    {
        if (Resolve(workspace, runDirectory) is not { } dir) return 2;
        string svg = WorkflowDag.FromRun(RunCrateSummary.Read(dir)).ToSvg();
        if (output == "-") { Console.Write(svg); return 0; }
        string path = output ?? Path.Combine(dir, "dag.svg");
        File.WriteAllText(path, svg);
        Console.WriteLine($"dag: {Relative(path)}");
        return 0;
    }

    /// <summary>
    /// After a run is archived: its report, even when a stage failed; returns its path. A report problem is printed
    /// and returns null, never fails the run.
    /// </summary>
    /// <param name="show">How to print a path (the front end's: relative to the workspace root); default relative to the current folder.</param>
    /// <param name="reusedArchive">Nothing ran and the run folder is an earlier run's: its report stands as written (rendering
    /// re-verifies every file of the run, the bulk of a no-op rerun's time); <c>rg report</c> rewrites it on request.</param>
    /// <param name="print">False where the front end prints the path itself later (build.sh after Cake's task summary).</param>
    public static string? AfterRun(string? runDirectory, Func<string, string>? show = null, bool reusedArchive = false, bool print = true)
    {
        if (runDirectory is null) return null;
        show ??= Relative;
        string existing = Path.Combine(runDirectory, RunReportPage.FileName);
        if (reusedArchive && File.Exists(existing))
        {
            if (print) Console.WriteLine($"report: {show(existing)}");
            return existing;
        }
        try
        {
            string path = RunReportPage.Write(runDirectory);
            if (print) Console.WriteLine($"report: {show(path)}");
            return path;
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"the run report could not be written: {e.Message} (retry with: rg report {show(runDirectory)})");
            return null;
        }
    }

    private static string? Resolve(Workspace workspace, string? runDirectory)
    {
        string? dir = runDirectory ?? Newest(workspace.RunsDirectory);
        if (dir is not null && File.Exists(Path.Combine(dir, RunArchive.MetadataFile))) return dir;
        Console.Error.WriteLine(dir is null
            ? $"no archived run under {workspace.RunsDirectory}; run a workflow first (./build.sh or rg run)"
            : $"{dir} is not an archived run: it has no {RunArchive.MetadataFile}");
        return null;
    }

    private static string? Newest(string runs)
    {
        if (!Directory.Exists(runs)) return null;
        var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(runs, RunArchive.MetadataFile, options)
            .Select(Path.GetDirectoryName).OfType<string>()
            .Where(d => Path.GetFileName(d) is { Length: > 0 } name && char.IsAsciiDigit(name[0]) && !name.EndsWith(".partial", StringComparison.Ordinal))
            .OrderByDescending(Path.GetFileName, StringComparer.Ordinal).FirstOrDefault(); // run ids begin with their UTC start time
    }

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);
}
