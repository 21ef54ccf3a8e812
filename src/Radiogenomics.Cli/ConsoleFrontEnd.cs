using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Execution.Slurm;
using Radiogenomics.Engine.Provenance;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Engine.Workflow;
using Radiogenomics.Stages;
using Radiogenomics.Tables;
using Table = Spectre.Console.Table;
using Spectre.Console;

namespace Radiogenomics.Cli;

/// <summary>
/// The user-facing operations — describe, plan, run, verify, gc, query, clean — printed to the console.
/// Both front ends call this: the <c>rg</c> CLI and the Cake script (<c>build/build.cake</c>).
/// Exit codes: 0 success, 1 a stage or check failed, 2 the workflow or the request is invalid.
/// </summary>
public sealed class ConsoleFrontEnd
{
    public ConsoleFrontEnd(string workspaceRoot, string workflowPath)
    {
        // Logs and pipes get plain text: no colour codes or hyperlinks in a CI log.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Capabilities.Ansi = false;
            AnsiConsole.Profile.Capabilities.Links = false;
            AnsiConsole.Profile.Width = 240; // a log line is not wrapped at 80 columns, so paths and messages stay on one line for grep
        }
        Workspace = new Workspace(workspaceRoot);
        WorkflowPath = Path.IsPathRooted(workflowPath) ? workflowPath : Path.Combine(Workspace.Root, workflowPath);
        Engine = new WorkflowEngine(Workspace, StageCatalog.CreateRegistry(), new TorchDeviceProbe(), StageCatalog.Software());
    }

    public Workspace Workspace { get; }
    public string WorkflowPath { get; }
    public WorkflowEngine Engine { get; private set; }

    /// <summary>
    /// Where stages run: "local" (this process, the default) or "slurm" (jobs and job arrays, settings from
    /// <paramref name="profile"/>, see <see cref="SlurmProfile"/>); false with the problem printed when the choice is invalid.
    /// </summary>
    public bool UseExecutor(string executor, string? profile)
    {
        try
        {
            IStageExecutor chosen = executor switch
            {
                "local" => InProcessExecutor.Instance,
                "slurm" => new SlurmExecutor(Workspace, profile is null ? new SlurmProfile() : SlurmProfile.Load(Path.IsPathRooted(profile) ? profile : Path.Combine(Workspace.Root, profile))),
                _ => throw new EngineException($"unknown executor '{executor}': local or slurm"),
            };
            Engine = new WorkflowEngine(Workspace, StageCatalog.CreateRegistry(), new TorchDeviceProbe(), StageCatalog.Software(), executor: chosen);
            return true;
        }
        catch (EngineException e)
        {
            Console.Error.WriteLine(e.Message);
            return false;
        }
    }

    /// <summary>Plain output when not on an interactive terminal (CI, pipes) or when CI is set.</summary>
    public static bool Interactive =>
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive && Environment.GetEnvironmentVariable("CI") is null;

    /// <summary>Loads and validates the workflow; prints every problem and returns null when it is invalid.</summary>
    public ValidatedWorkflow? TryLoad()
    {
        try
        {
            return Engine.Load(WorkflowPath);
        }
        catch (WorkflowValidationException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }
    }

    public int Describe(string? kindName)
    {
        var registry = Engine.Registry;
        if (kindName is null)
        {
            var table = new Table().AddColumn("kind").AddColumn("version").AddColumn("summary");
            foreach (var k in registry.Kinds) table.AddRow(Markup.Escape(k.Name), k.Version.ToString(), Markup.Escape(k.Summary));
            AnsiConsole.Write(table);
            return 0;
        }
        if (!registry.TryGet(kindName, out var kind))
        {
            Console.Error.WriteLine($"unknown stage kind '{kindName}'{Suggestions.DidYouMean(kindName, registry.Kinds.Select(k => k.Name))}");
            return 2;
        }
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(kind.Name)}[/] (version {kind.Version}): {Markup.Escape(kind.Summary)}");
        if (kind.Inputs.Count > 0)
        {
            AnsiConsole.MarkupLine("[bold]inputs[/] (source files, relative to the workspace)");
            var inputs = new Table().AddColumn("name").AddColumn("required").AddColumn("description");
            foreach (var i in kind.Inputs) inputs.AddRow(Markup.Escape(i.Name), i.Required ? "yes" : "no", Markup.Escape(i.Description));
            AnsiConsole.Write(inputs);
        }
        if (kind.Consumes.Count > 0) AnsiConsole.MarkupLine($"reads upstream tables: {Markup.Escape(string.Join(", ", kind.Consumes))}");
        AnsiConsole.MarkupLine("[bold]params[/]");
        var parameters = new Table().AddColumn("name").AddColumn("type").AddColumn("default").AddColumn("description");
        foreach (var p in kind.Parameters) parameters.AddRow(Markup.Escape(p.Name), Markup.Escape(p.TypeName), Markup.Escape(p.DefaultText), Markup.Escape(p.Description));
        AnsiConsole.Write(parameters);
        AnsiConsole.MarkupLine("[bold]outputs[/]");
        var outputs = new Table().AddColumn("name").AddColumn("file").AddColumn("description");
        foreach (var o in kind.Produces) outputs.AddRow(Markup.Escape(o.Name), o.Extension, Markup.Escape(o.Description));
        AnsiConsole.Write(outputs);
        AnsiConsole.MarkupLine(kind.SupportsGpu ? "device: runs on a GPU when one is present (device: auto)" : "device: CPU");
        return 0;
    }

    public int Plan(IReadOnlyList<string> targets, bool force = false)
    {
        if (TryLoad() is not { } workflow) return 2;
        RunPlan plan;
        try
        {
            plan = Engine.Plan(workflow, targets, force);
        }
        catch (Exception e) when (e is EngineException or KeyNotFoundException)
        {
            Console.Error.WriteLine(e.Message); // e.g. an input file that does not exist: no stack trace for a user's mistake
            return 2;
        }
        var table = new Table().AddColumn("stage").AddColumn("task").AddColumn("kind").AddColumn("status").AddColumn("why");
        foreach (var s in plan.Stages)
            table.AddRow(Markup.Escape(s.StageId), s.TaskName, Markup.Escape(s.Kind), s.Status switch
            {
                StageStatus.Cached => "[green]cached[/]",
                StageStatus.WillRun => "[yellow]will run[/]",
                _ => "[grey]may run[/]",
            }, Markup.Escape(string.Join("; ", s.Reasons)));
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>The HTML report of the last finished run (null if none was written).</summary>
    public string? ReportPath { get; private set; }

    /// <summary>Print "report: …" when a run ends; the Cake script turns it off because build.sh/build.ps1 print it after Cake's task summary.</summary>
    public bool PrintsReportPath { get; set; } = true;

    /// <summary>The report of the last <see cref="RunAsync"/>, for the Cake script's per-task status.</summary>
    public RunReport? LastReport { get; private set; }

    public async Task<int> RunAsync(IReadOnlyList<string> targets, bool exclusive = false, bool force = false, int? jobs = null, TimeSpan? lockTimeout = null,
        CancellationToken cancellationToken = default)
    {
        if (TryLoad() is not { } workflow) return 2;
        var request = new RunRequest
        {
            Targets = targets, Exclusive = exclusive, Force = force,
            MaxParallelism = jobs ?? Environment.ProcessorCount, LockTimeout = lockTimeout ?? TimeSpan.FromMinutes(10),
        };
        try
        {
            if (Interactive)
                await AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async ctx => LastReport = await Engine.RunAsync(workflow, request, new LiveRunObserver(ctx), cancellationToken));
            else
                LastReport = await Engine.RunAsync(workflow, request, new PlainRunObserver(Console.Out), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled (Ctrl-C or SIGTERM) before any stage started; nothing was changed");
            return 130;
        }
        catch (Exception e) when (e is EngineException or WorkspaceBusyException or KeyNotFoundException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        PrintSummary(LastReport!);
        ReportPath = ReportCommands.AfterRun(LastReport!.RunDirectory, ShowPath, LastReport.ReusedArchive, PrintsReportPath);
        if (LastReport!.Cancelled)
        {
            Console.Error.WriteLine("cancelled (Ctrl-C or SIGTERM): finished stages are committed, the stopped stage reruns next time" +
                (LastReport.RunDirectory is { } dir ? $"; the run is archived as failed in {ShowPath(dir)}/" : ""));
            return 130;
        }
        return LastReport.Succeeded ? 0 : 1;
    }

    /// <summary>A path as the user should type it: relative to the workspace root (where rg and build.sh run), absolute when outside.</summary>
    private string ShowPath(string path)
    {
        string relative = Path.GetRelativePath(Workspace.Root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }

    private RunSession? _session;

    /// <summary>
    /// Opens a run whose stages the caller then runs one at a time with <see cref="RunStage"/>, needs first — how the
    /// Cake script makes each stage its own task (Cake is then the scheduler) — and closes with <see cref="FinishRun"/>.
    /// Returns 0, or 2 when the workflow or the request is invalid (printed).
    /// </summary>
    public int BeginRun(IReadOnlyList<string> targets, bool exclusive = false, bool force = false, TimeSpan? lockTimeout = null)
    {
        if (TryLoad() is not { } workflow) return 2;
        var request = new RunRequest { Targets = targets, Exclusive = exclusive, Force = force, LockTimeout = lockTimeout ?? TimeSpan.FromMinutes(10) };
        try
        {
            _session = Engine.BeginRunAsync(workflow, request, new PlainRunObserver(Console.Out)).GetAwaiter().GetResult();
            return 0;
        }
        catch (Exception e) when (e is EngineException or WorkspaceBusyException or KeyNotFoundException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private RunSession Session => _session ?? throw new InvalidOperationException("no run is open: call BeginRun first");

    /// <summary>Whether a stage of the open run is cached; if so its outputs are taken for the run at once (nothing executes).</summary>
    public bool ReuseIfCached(string stageId) => Session.ReuseIfCached(stageId);

    /// <summary>Runs one stage of the open run (reused from the cache or executed and committed) and returns what happened.</summary>
    public StageOutcome RunStage(string stageId) => Session.Outcome(Session.Workflow.Resolve(stageId).Id) ?? Session.RunStageAsync(stageId).GetAwaiter().GetResult();

    /// <summary>Archives the open run, prints its summary and releases the workspace; returns the run's exit code.</summary>
    public int FinishRun()
    {
        if (_session is null) return 0;
        try
        {
            LastReport = _session.Finish();
        }
        finally
        {
            _session.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _session = null;
        }
        PrintSummary(LastReport);
        ReportPath = ReportCommands.AfterRun(LastReport.RunDirectory, ShowPath, LastReport.ReusedArchive, PrintsReportPath);
        return LastReport.Succeeded ? 0 : 1;
    }

    private void PrintSummary(RunReport report)
    {
        var table = new Table().AddColumn("stage").AddColumn("status").AddColumn(new TableColumn("time").RightAligned()).AddColumn("why");
        foreach (var s in report.Stages)
            table.AddRow(Markup.Escape(s.StageId), s.Status switch
            {
                StageStatus.Cached => "[green]cached[/]",
                StageStatus.Executed => "[green]executed[/]",
                StageStatus.Failed => "[red]failed[/]",
                _ => "[yellow]skipped[/]",
            }, s.Status == StageStatus.Executed ? $"{s.Elapsed.TotalSeconds:0.0} s" : "",
                Markup.Escape(s.Error ?? string.Join("; ", s.Reasons)));
        AnsiConsole.Write(table);
        foreach (var s in report.Stages)
        {
            foreach (var line in FactLines(s, StageContext.HeadlinesFact))
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(s.StageId)}[/]: {Markup.Escape(line)}");
            foreach (var line in FactLines(s, StageContext.WarningsFact))
                AnsiConsole.MarkupLine($"[yellow]warning[/] [bold]{Markup.Escape(s.StageId)}[/]: {Markup.Escape(line)}");
        }

        if (report.RunDirectory is not null && report.ReusedArchive)
            AnsiConsole.MarkupLine($"nothing ran: every result is already archived in {Markup.Escape(ShowPath(report.RunDirectory))}/ (no new run folder)");
        else if (report.RunDirectory is not null)
            AnsiConsole.MarkupLine($"provenance: {Markup.Escape(ShowPath(report.RunDirectory))}/ (ro-crate-metadata.json, results/; latest of this workflow: " +
                $"{Markup.Escape(ShowPath(RunArchive.LatestLink(Workspace, report.Workflow)))}/)");
    }

    /// <summary>The sentences a stage kept under a fact name (warnings, headlines), from its record whether it ran now or was cached.</summary>
    private static IEnumerable<string> FactLines(StageOutcome outcome, string fact)
    {
        if (outcome.Record?.Facts.TryGetValue(fact, out var value) != true || value is null) return [];
        return value switch
        {
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.ToString()),
            IEnumerable<string> lines => lines,
            _ => [value.ToString() ?? ""],
        };
    }

    public int Verify(string? runDirectory)
    {
        if (ResolveRun(runDirectory) is not { } dir) return 2;
        VerificationReport report;
        try
        {
            report = RunVerifier.Verify(dir);
        }
        catch (EngineException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        foreach (var m in report.Mismatches) AnsiConsole.MarkupLine($"[red]mismatch[/] {Markup.Escape(m)}");
        foreach (var m in report.ChangedInputs) AnsiConsole.MarkupLine($"[yellow]input changed since the run[/] {Markup.Escape(m)}");
        AnsiConsole.MarkupLine(report.Intact
            ? $"[green]intact[/]: {report.FilesChecked} files re-hashed in {Markup.Escape(ShowPath(dir))}"
            : $"[red]{report.Mismatches.Count} mismatch(es)[/] among {report.FilesChecked} files in {Markup.Escape(ShowPath(dir))}");
        return report.Intact ? 0 : 1;
    }

    /// <summary>rg export: a copy of an archived run without this machine's paths, hostname or home folder, for sharing.</summary>
    public int Export(string? runDirectory, string destination)
    {
        string? dir = ResolveRun(runDirectory);
        if (dir is null) return 2;
        string target = Path.IsPathRooted(destination) ? destination : Path.GetFullPath(destination);
        try
        {
            int replaced = ShareableExport.Write(dir, Workspace.Root, target);
            // The copied report shows this machine's hostname and paths: rebuild it from the cleaned crate and logs.
            if (File.Exists(Path.Combine(target, "report.html"))) ReportCommands.AfterRun(target, ShowPath);
            AnsiConsole.MarkupLine($"exported {Markup.Escape(ShowPath(dir))} to {Markup.Escape(target)}: no absolute paths or hostname " +
                $"({replaced} path(s) replaced); inputs are named by workspace path. It does not de-identify results or file names: see the README.");
            return 0;
        }
        catch (EngineException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    /// <summary>The run folder a user named (from where they stand, else from the workspace root), or the workflow's latest; null after printing why not.</summary>
    private string? ResolveRun(string? runDirectory)
    {
        string dir;
        if (runDirectory is null)
        {
            if (TryLoadName() is not { } name)
            {
                Console.Error.WriteLine($"cannot read the workflow {ShowPath(WorkflowPath)} to find its latest run; name the run folder (runs/<workflow>/<run>)");
                return null;
            }
            dir = RunArchive.LatestLink(Workspace, name);
        }
        else dir = Path.IsPathRooted(runDirectory) || Directory.Exists(runDirectory) ? Path.GetFullPath(runDirectory) : Path.Combine(Workspace.Root, runDirectory);
        if (Directory.Exists(dir)) return dir;
        Console.Error.WriteLine($"no archived run at {ShowPath(dir)}; runs are under {ShowPath(Workspace.RunsDirectory)}/<workflow>/");
        return null;
    }

    /// <summary>rg fsck (rg verify --cache): re-hashes every cache object, sets damaged ones aside, lists outputs that are gone.</summary>
    public async Task<int> FsckAsync()
    {
        using var _ = await WorkspaceLock.AcquireAsync(Workspace, TimeSpan.FromMinutes(1), "rg fsck");
        var report = new StoreChecker(Workspace).Check();
        foreach (var d in report.Damaged) AnsiConsole.MarkupLine($"[red]damaged[/] {Markup.Escape(d)}");
        foreach (var m in report.MissingOutputs) AnsiConsole.MarkupLine($"[yellow]missing[/] {Markup.Escape(m)} (the stage reruns on the next run)");
        AnsiConsole.MarkupLine(report.Intact
            ? $"[green]intact[/]: {report.ObjectsChecked} object(s), {report.BytesChecked / 1048576.0:0.0} MiB re-hashed in {Markup.Escape(ShowPath(Workspace.ObjectsDirectory))}"
            : $"[red]{report.Damaged.Count} damaged object(s)[/] among {report.ObjectsChecked}; moved to {Markup.Escape(ShowPath(Workspace.CorruptDirectory))}/, the stages that made them rerun on the next run");
        return report.Intact ? 0 : 1;
    }

    public async Task<int> GcAsync(int keepRuns, bool pruneRuns, bool dryRun)
    {
        using var _ = await WorkspaceLock.AcquireAsync(Workspace, TimeSpan.FromMinutes(1), "rg gc");
        var r = new GarbageCollector(Workspace).Collect(keepRuns, pruneRuns, dryRun);
        string verb = dryRun ? "would delete" : "deleted";
        AnsiConsole.MarkupLine($"{verb} {r.ObjectsDeleted} object(s), {(dryRun ? "freeing" : "freed")} {r.BytesFreed / 1048576.0:0.0} MiB, {r.RecordsDeleted} record(s); kept {r.ObjectsKept} object(s) referenced by the current state and the last {keepRuns} run(s) of each workflow");
        if (r.BytesStillLinked > 0)
            AnsiConsole.MarkupLine($"{r.BytesStillLinked / 1048576.0:0.0} MiB of the deleted objects stay on disk: archived runs written before archives were copies hard-link them (prune those runs to free it)");
        if (r.RunsDeleted.Count > 0) AnsiConsole.MarkupLine($"{verb} run folder(s): {Markup.Escape(string.Join(", ", r.RunsDeleted))}");
        if (r.AbandonedRunsDeleted.Count > 0) AnsiConsole.MarkupLine($"{verb} unfinished run folder(s): {Markup.Escape(string.Join(", ", r.AbandonedRunsDeleted))}");
        if (r.CorruptDeleted > 0) AnsiConsole.MarkupLine($"{verb} {r.CorruptDeleted} damaged object(s) set aside by rg fsck");
        return 0;
    }

    /// <summary>Deletes the cache (never runs/, which holds archived provenance and results).</summary>
    public async Task<int> CleanAsync()
    {
        if (!Directory.Exists(Workspace.CacheDirectory)) return 0;
        using (await WorkspaceLock.AcquireAsync(Workspace, TimeSpan.FromMinutes(1), "rg clean"))
        {
            foreach (var dir in new[] { Workspace.ObjectsDirectory, Workspace.RecordsDirectory, Workspace.StateDirectory, Workspace.JournalDirectory, Workspace.TempDirectory })
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            if (File.Exists(Workspace.StatCachePath)) File.Delete(Workspace.StatCachePath);
        }
        AnsiConsole.MarkupLine($"removed the cache in {Markup.Escape(Workspace.CacheDirectory)}; archived runs in {Markup.Escape(Workspace.RunsDirectory)} are kept");
        return 0;
    }

    /// <summary>
    /// Runs DuckDB SQL with one view per stage output of this workflow's current state — only stages the workflow
    /// still has, only objects that pass the integrity check — named stage_output (e.g. associate_associations), so
    /// results can be queried without knowing cache paths. <paramref name="format"/>: table (for people), csv or json.
    /// </summary>
    public int Query(string sql, int maxRows = 50, string format = "table")
    {
        if (format is not ("table" or "csv" or "json"))
        {
            Console.Error.WriteLine($"--format {format} is not one of table, csv, json");
            return 2;
        }
        if (TryLoad() is not { } workflow) return 2;
        using var db = new DuckDbConnection();
        var views = new List<string>();
        foreach (var stage in workflow.Stages)
        {
            if (Engine.Records.LastState(workflow.Name, stage.Id) is not { } record) continue;
            foreach (var (name, obj) in record.Outputs)
            {
                if (obj.Extension != ".parquet" || !Engine.Store.Contains(obj.Sha256)) continue;
                string view = $"{stage.Id}_{name}".Replace('-', '_');
                if (!Engine.Store.IsIntact(obj.Sha256))
                {
                    Console.Error.WriteLine($"no view {view}: its cached object is damaged (bytes no longer match the SHA-256); `rg -w {ShowPath(WorkflowPath)} run {stage.Id}` rebuilds it");
                    continue;
                }
                db.Execute($"CREATE VIEW \"{view}\" AS SELECT * FROM read_parquet('{Engine.Store.PathOf(obj.Sha256).Replace("'", "''")}')");
                views.Add(view);
            }
        }
        Engine.Store.SaveChecks();
        Tables.Table result;
        try
        {
            result = db.Query(sql);
        }
        catch (DuckDbException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(views.Count > 0
                ? $"views of workflow '{workflow.Name}' ({ShowPath(WorkflowPath)}): {string.Join(", ", views)}"
                : $"workflow '{workflow.Name}' ({ShowPath(WorkflowPath)}) has no cached stage outputs yet; run it first (rg -w {ShowPath(WorkflowPath)} run)");
            return 1;
        }
        if (format == "csv")
        {
            QueryOutput.WriteCsv(result, Console.Out);
            return 0;
        }
        if (format == "json")
        {
            Console.Out.Flush();
            using var stdout = Console.OpenStandardOutput();
            QueryOutput.WriteJson(result, stdout);
            return 0;
        }
        var table = new Table();
        var columns = result.Columns.Select(c => TableFormatter.FormatColumn(result, c)).ToList();
        foreach (var c in result.Columns) table.AddColumn(Markup.Escape(c.Name));
        for (int row = 0; row < Math.Min(maxRows, result.RowCount); row++)
            table.AddRow(columns.Select(c => Markup.Escape(c[row])).ToArray());
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]workflow {Markup.Escape(workflow.Name)}: {result.RowCount} row(s)" +
            (result.RowCount > maxRows ? $"; showing {maxRows} (use --max-rows or LIMIT)" : "") + "[/]");
        return 0;
    }

    private string? TryLoadName()
    {
        try { return WorkflowLoader.ParseFile(WorkflowPath).Workflow?.Name; }
        catch (IOException) { return null; }
    }
}
