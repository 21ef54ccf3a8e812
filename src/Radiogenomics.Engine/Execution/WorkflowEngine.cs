using System.Collections.Concurrent;
using System.Text.Json;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Provenance;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// The engine's front door, shared by the CLI and the Cake script: load and validate a workflow, plan
/// (cached or will-run, with reasons), run with parallel stages, early cut-off and atomic commits,
/// and archive each run's provenance. In build-system terms it is a topological scheduler with a
/// constructive-trace rebuilder keyed on content (Mokhov, Mitchell and Peyton Jones 2018).
/// </summary>
public sealed class WorkflowEngine
{
    /// <summary>A fact may be NaN (a recall with nothing to recall): written as "NaN" instead of failing the finished stage.</summary>
    private static readonly JsonSerializerOptions FactOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private readonly IDeviceProbe _deviceProbe;
    private readonly IReadOnlyList<SoftwareComponent> _software;

    public WorkflowEngine(Workspace workspace, StageRegistry registry, IDeviceProbe? deviceProbe = null, IEnumerable<SoftwareComponent>? software = null)
    {
        Workspace = workspace;
        Registry = registry;
        Store = new ContentStore(workspace);
        Records = new RecordStore(workspace);
        _deviceProbe = deviceProbe ?? new CpuOnlyDeviceProbe();
        _software = software?.ToList() ?? [];
    }

    public Workspace Workspace { get; }
    public StageRegistry Registry { get; }
    public ContentStore Store { get; }
    public RecordStore Records { get; }

    public ValidatedWorkflow Load(string path) => WorkflowValidator.Load(path, Registry);

    /// <summary>Predicts what a run of <paramref name="targets"/> would do, without running or locking anything.</summary>
    public RunPlan Plan(ValidatedWorkflow workflow, IReadOnlyList<string> targets, bool force = false)
    {
        Workspace.EnsureCreated();
        var statCache = new StatCache(Workspace.StatCachePath);
        var keys = new KeyResolver(Workspace, statCache, _deviceProbe, Environment.ProcessorCount);
        var closure = workflow.Closure(targets.Count > 0 ? targets : workflow.Stages.Select(s => s.Id));
        var targetIds = TargetIds(workflow, targets);
        var known = new Dictionary<string, StageRecord>(StringComparer.Ordinal);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var planned = new List<PlannedStage>();
        foreach (var stage in closure)
        {
            var (status, reasons, key) = PlanOne(workflow, stage, keys, known, pending, force && targetIds.Contains(stage.Id));
            if (status != StageStatus.Cached) pending.Add(stage.Id);
            planned.Add(new PlannedStage(stage.Id, stage.Definition.TaskName, stage.Kind.Name, status, reasons, key));
        }
        statCache.Save();
        return new RunPlan(workflow.Name, targetIds.ToList(), planned);
    }

    private (StageStatus, List<string>, string?) PlanOne(ValidatedWorkflow workflow, ValidatedStage stage, KeyResolver keys,
        Dictionary<string, StageRecord> known, HashSet<string> pending, bool force)
    {
        var last = Records.LastState(workflow.Name, stage.Id);
        string device = keys.ResolveDevice(stage);
        var sources = keys.ResolveSources(stage, null);
        var runningNeeds = stage.Needs.Where(pending.Contains).ToList();
        if (runningNeeds.Count > 0)
        {
            // Upstream output is unknown until it runs; say whether this stage changed on its own account too.
            var own = last is null ? ["never run"] : RerunExplainer.Explain(keys.Components(stage, sources, last.Components.Upstream, device), last)
                .Where(r => !r.StartsWith("upstream ", StringComparison.Ordinal)).ToList();
            if (own.Count > 0) return (StageStatus.WillRun, own, null);
            return (StageStatus.MayRun, [$"upstream {string.Join(", ", runningNeeds)} will run; stays cached if its output is unchanged"], null);
        }
        var components = keys.Components(stage, sources, KeyResolver.SelectUpstream(stage, known), device);
        string key = components.ComputeKey();
        var record = Records.Find(key);
        if (record is not null && !force && IsComplete(record, stage))
        {
            known[stage.Id] = record;
            return (StageStatus.Cached, [], key);
        }
        // A committed record is trustworthy even if a later execution was interrupted; the marker only explains a rerun.
        var reasons = Journal.Interrupted(Workspace, workflow.Name, stage.Id) is { } run ? [$"interrupted during run {run}"] : new List<string>();
        if (force) reasons.Add("forced");
        if (record is not null && !IsComplete(record, stage)) reasons.Add("cached outputs incomplete (an output was garbage-collected or deleted, or the kind now declares more outputs)");
        var diff = RerunExplainer.Explain(components, last);
        if (diff.Count == 0 && reasons.Count == 0) diff.Add("no record for this key");
        reasons.AddRange(diff);
        return (StageStatus.WillRun, reasons, key);
    }

    /// <summary>A record is reusable when every output the kind declares is recorded and still in the store.</summary>
    private bool IsComplete(StageRecord record, ValidatedStage stage) =>
        stage.Kind.Produces.All(o => record.Outputs.ContainsKey(o.Name)) && record.Outputs.Values.All(o => Store.Contains(o.Sha256));

    private static HashSet<string> TargetIds(ValidatedWorkflow workflow, IReadOnlyList<string> targets) =>
        (targets.Count > 0 ? targets.Select(t => workflow.Resolve(t).Id) : workflow.Stages.Select(s => s.Id)).ToHashSet(StringComparer.Ordinal);

    public async Task<RunReport> RunAsync(ValidatedWorkflow workflow, RunRequest request, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        observer ??= NullRunObserver.Instance;
        Workspace.EnsureCreated();
        var startedUtc = DateTimeOffset.UtcNow;
        var targetIds = TargetIds(workflow, request.Targets);
        var closure = request.Exclusive
            ? workflow.Stages.Where(s => targetIds.Contains(s.Id)).ToList()
            : workflow.Closure(targetIds).ToList();

        using var workspaceLock = await WorkspaceLock.AcquireAsync(Workspace, request.LockTimeout,
            $"rg run {workflow.Name} --target {string.Join(",", targetIds)}", observer.WaitingForLock, cancellationToken).ConfigureAwait(false);
        ClearAbandonedTemp();
        var statCache = new StatCache(Workspace.StatCachePath);
        var keys = new KeyResolver(Workspace, statCache, _deviceProbe, Math.Max(1, request.MaxParallelism));
        var records = new ConcurrentDictionary<string, StageRecord>(StringComparer.Ordinal);

        if (request.Exclusive) SeedExclusiveUpstream(workflow, closure, keys, records);

        string runId = RunArchive.NewRunId(startedUtc, workflow, targetIds);
        observer.RunStarted(new RunPlan(workflow.Name, targetIds.ToList(),
            closure.Select(s => new PlannedStage(s.Id, s.Definition.TaskName, s.Kind.Name, StageStatus.MayRun, [], null)).ToList()));

        using var slots = new SemaphoreSlim(Math.Max(1, request.MaxParallelism));
        var failed = 0;
        var tasks = new Dictionary<string, Task<StageOutcome>>(StringComparer.Ordinal);
        foreach (var stage in closure)
        {
            var needTasks = stage.Needs.Where(tasks.ContainsKey).Select(n => tasks[n]).ToList();
            bool force = request.Force && targetIds.Contains(stage.Id);
            tasks[stage.Id] = Task.Run(async () =>
            {
                var needs = await Task.WhenAll(needTasks).ConfigureAwait(false);
                var broken = needs.Where(n => n.Status is StageStatus.Failed or StageStatus.Skipped).Select(n => n.StageId).ToList();
                if (broken.Count > 0 || cancellationToken.IsCancellationRequested || Volatile.Read(ref failed) > 0)
                {
                    var skipped = Skip(stage, broken.Count > 0 ? $"needs {string.Join(", ", broken)}, which did not complete" : "the run stopped after a failure");
                    observer.StageFinished(skipped);
                    return skipped;
                }
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var outcome = await RunStageAsync(workflow, stage, keys, records, runId, force, observer, cancellationToken).ConfigureAwait(false);
                    if (outcome.Status == StageStatus.Failed) Interlocked.Increment(ref failed);
                    observer.StageFinished(outcome);
                    return outcome;
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None);
        }
        var outcomes = await Task.WhenAll(tasks.Values).ConfigureAwait(false);
        statCache.Save();

        var ordered = closure.Select(s => outcomes.First(o => o.StageId == s.Id)).ToList();
        string? runDirectory = null;
        var endedUtc = DateTimeOffset.UtcNow;
        if (request.Archive)
            runDirectory = new RunArchive(Workspace, Store, _software).Write(runId, workflow, targetIds.ToList(), ordered, records, startedUtc, endedUtc);
        var report = new RunReport(workflow.Name, targetIds.ToList(), ordered, runDirectory, startedUtc, endedUtc);
        observer.RunFinished(report);
        return report;
    }

    private static StageOutcome Skip(ValidatedStage stage, string why) => new()
    {
        StageId = stage.Id, Kind = stage.Kind.Name, Status = StageStatus.Skipped, Reasons = [why],
        StartedUtc = DateTimeOffset.UtcNow, EndedUtc = DateTimeOffset.UtcNow,
    };

    /// <summary>For --exclusive: every need of the targets must already be cached under its current key.</summary>
    private void SeedExclusiveUpstream(ValidatedWorkflow workflow, List<ValidatedStage> targets, KeyResolver keys, ConcurrentDictionary<string, StageRecord> records)
    {
        var upstream = workflow.Closure(targets.Select(t => t.Id)).Where(s => !targets.Contains(s)).ToList();
        var known = new Dictionary<string, StageRecord>(StringComparer.Ordinal);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var stage in upstream)
        {
            var (status, reasons, _) = PlanOne(workflow, stage, keys, known, pending, force: false);
            if (status != StageStatus.Cached)
            {
                pending.Add(stage.Id);
                missing.Add($"{stage.Id} ({string.Join("; ", reasons)})");
            }
        }
        if (missing.Count > 0)
            throw new EngineException($"--exclusive runs only {string.Join(", ", targets.Select(t => t.Id))}, but these stages it needs are not cached: {string.Join(", ", missing)}. Run without --exclusive.");
        foreach (var (id, record) in known) records[id] = record;
    }

    private async Task<StageOutcome> RunStageAsync(ValidatedWorkflow workflow, ValidatedStage stage, KeyResolver keys,
        ConcurrentDictionary<string, StageRecord> records, string runId, bool force, IRunObserver observer, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        string device = "cpu";
        try
        {
            device = keys.ResolveDevice(stage);
            var sources = keys.ResolveSources(stage, (done, total) =>
            {
                if (done == total || done % 64 == 0) observer.StageProgress(stage.Id, new StageProgress((double)done / total, $"hashing inputs {done}/{total}"));
            });
            var upstream = KeyResolver.SelectUpstream(stage, records);
            var components = keys.Components(stage, sources, upstream, device);
            string key = components.ComputeKey();
            var last = Records.LastState(workflow.Name, stage.Id);
            var interrupted = Journal.Interrupted(Workspace, workflow.Name, stage.Id);

            var cached = Records.Find(key);
            if (!force && cached is not null && IsComplete(cached, stage))
            {
                records[stage.Id] = cached;
                if (interrupted is not null) Journal.Finish(Workspace, workflow.Name, stage.Id);
                if (last?.Key != cached.Key || last.StageId != stage.Id) Records.SaveState(workflow.Name, cached with { StageId = stage.Id });
                return new StageOutcome
                {
                    StageId = stage.Id, Kind = stage.Kind.Name, Status = StageStatus.Cached, Record = cached,
                    StartedUtc = started, EndedUtc = DateTimeOffset.UtcNow, Device = cached.Device,
                };
            }

            var reasons = new List<string>();
            if (interrupted is not null) reasons.Add($"interrupted during run {interrupted}");
            if (force) reasons.Add("forced");
            reasons.AddRange(RerunExplainer.Explain(components, last));
            if (reasons.Count == 0) reasons.Add(cached is null ? "no record for this key" : "cached outputs incomplete (an output was garbage-collected or deleted, or the kind now declares more outputs)");

            observer.StageStarted(stage.Id, device);
            var record = await ExecuteAsync(workflow, stage, components, key, sources, upstream, device, runId, observer, cancellationToken).ConfigureAwait(false);
            records[stage.Id] = record;
            return new StageOutcome
            {
                StageId = stage.Id, Kind = stage.Kind.Name, Status = StageStatus.Executed, Reasons = reasons, Record = record,
                StartedUtc = record.StartedUtc, EndedUtc = record.EndedUtc, Device = device,
            };
        }
        catch (Exception e)
        {
            string message = e is OperationCanceledException ? "cancelled" : Describe(e);
            observer.StageLog(stage.Id, "failed: " + message);
            return new StageOutcome
            {
                StageId = stage.Id, Kind = stage.Kind.Name, Status = StageStatus.Failed, Error = message,
                StartedUtc = started, EndedUtc = DateTimeOffset.UtcNow, Device = device,
            };
        }
    }

    private static string Describe(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Describe(a.InnerExceptions[0])
        : e is EngineException or WorkflowValidationException or StageInputException or FormatException ? e.Message // bad input data (DataProblemException): file, record, fix
        : $"{e.GetType().Name}: {e.Message}";

    /// <summary>
    /// Runs the stage in a private scratch folder, then commits: outputs into the content store (atomic
    /// renames), the record, then the state pointer. A crash before the record is written leaves at most
    /// unreferenced objects, which the next run reuses or Gc removes.
    /// </summary>
    private async Task<StageRecord> ExecuteAsync(ValidatedWorkflow workflow, ValidatedStage stage, KeyComponents components, string key,
        IReadOnlyDictionary<string, IReadOnlyList<SourceFile>> sources, IReadOnlyList<UpstreamInput> upstream, string device, string runId,
        IRunObserver observer, CancellationToken cancellationToken)
    {
        string scratch = Path.Combine(Workspace.TempDirectory, $"{stage.Id}-{Guid.NewGuid():N}"[..Math.Min(stage.Id.Length + 13, 60)]);
        Directory.CreateDirectory(Path.Combine(scratch, "out"));
        Journal.Start(Workspace, workflow.Name, stage.Id, runId);
        try
        {
            var upstreamPaths = upstream.ToDictionary(u => u.Output, u => Store.PathOf(u.Sha256), StringComparer.Ordinal);
            var context = new StageContext(stage.Id, stage.Kind, stage.Parameters, device, Workspace.Root, scratch, sources, upstreamPaths,
                p => observer.StageProgress(stage.Id, p), m => observer.StageLog(stage.Id, m))
            { CancellationToken = cancellationToken };

            var started = DateTimeOffset.UtcNow;
            await Task.Run(() => stage.Kind.RunAsync(context, cancellationToken), cancellationToken).ConfigureAwait(false);
            var ended = DateTimeOffset.UtcNow;

            var outputs = new SortedDictionary<string, OutputObject>(StringComparer.Ordinal);
            foreach (var spec in stage.Kind.Produces)
            {
                string path = context.Output(spec.Name);
                if (!File.Exists(path))
                    throw new EngineException($"stage '{stage.Id}' ({stage.Kind.Name}) finished without writing its output '{spec.Name}' — a bug in the stage kind");
                var (sha, size) = Store.Add(path);
                outputs[spec.Name] = new OutputObject(sha, size, spec.Extension);
            }
            var facts = context.RecordedFacts.ToDictionary(kv => kv.Key, kv => kv.Value is null ? (object?)null : JsonSerializer.SerializeToElement(kv.Value, FactOptions));
            var record = new StageRecord
            {
                Key = key, StageId = stage.Id, Components = components, Outputs = outputs,
                StartedUtc = started, EndedUtc = ended, Device = device, Facts = facts,
            };
            Records.Save(record);
            Records.SaveState(workflow.Name, record);
            Journal.Finish(Workspace, workflow.Name, stage.Id);
            return record;
        }
        finally
        {
            TryDeleteDirectory(scratch);
        }
    }

    /// <summary>Temp files of runs that died are garbage once we hold the lock: nobody else can be writing them.</summary>
    private void ClearAbandonedTemp()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(Workspace.TempDirectory))
            if (Directory.Exists(entry)) TryDeleteDirectory(entry);
            else TryDelete(entry);
    }

    private static void TryDeleteDirectory(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
    }

    /// <summary>Digest of a workflow file, as recorded in provenance.</summary>
    public static string WorkflowDigest(ValidatedWorkflow workflow) => Sha256Hex.OfFile(workflow.Definition.SourcePath);
}
