namespace Radiogenomics.Engine.Execution.OutOfProcess;

/// <summary>
/// How another process starts the worker: a program and the arguments before <c>stage-run job.json</c>. By default
/// <c>dotnet rg.dll</c> from this process's own folder (the CLI's, or a test's that references the CLI), so the
/// worker is the same build as the submitting side; on a cluster that folder must be on the shared file system.
/// </summary>
public sealed record WorkerCommand(string Program, IReadOnlyList<string> Arguments)
{
    public static WorkerCommand Default()
    {
        // Beside the engine's assembly first (Cake loads it from the CLI's build folder), then beside the program.
        string? engineFolder = Path.GetDirectoryName(typeof(WorkerCommand).Assembly.Location);
        string dll = new[] { engineFolder, AppContext.BaseDirectory }.Where(d => !string.IsNullOrEmpty(d)).Select(d => Path.Combine(d!, "rg.dll")).FirstOrDefault(File.Exists)
            ?? throw new EngineException($"no rg.dll beside {engineFolder} or {AppContext.BaseDirectory}: an out-of-process executor needs the rg CLI as its worker (set 'worker:' in the Slurm profile)");
        return new WorkerCommand(DotnetHost(), [dll]);
    }

    /// <summary>The dotnet host running this process when it is one (dotnet rg.dll, dotnet test), else "dotnet" from PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";

    /// <summary>The command line for a job file, each word quoted for bash.</summary>
    public string ShellLine(string jobFile) => string.Join(' ', new[] { Program }.Concat(Arguments).Append("stage-run").Append(jobFile).Select(Quote));

    public static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";
}
