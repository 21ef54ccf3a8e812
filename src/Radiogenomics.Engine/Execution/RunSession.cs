using System.Collections.Concurrent;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Provenance;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// One run of a workflow, holding the workspace lock: stages are run one call at a time, in any order that
/// respects their needs (the engine's parallel <see cref="Scheduler"/> or Cake's task graph), each through the
/// <see cref="Rebuilder"/> (hit or miss), an <see cref="IStageExecutor"/> and the <see cref="Committer"/>.
/// <see cref="Finish"/> archives the run; disposing releases the lock.
/// </summary>
public sealed class RunSession : IAsyncDisposable
{
    private readonly WorkflowEngine _engine;
    private readonly IRunObserver _observer;
    private readonly RunRequest _request;
    private readonly IDisposable _lock;
    private readonly StatCache _statCache;
    private readonly Rebuilder _rebuilder;
    private readonly Committer _committer;
    private readonly IStageExecutor _executor;
    private readonly ResourcePool _resources;
    private readonly HashSet<string> _forced;
    private readonly ConcurrentDictionary<string, StageRecord> _records = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StageOutcome> _outcomes = new(StringComparer.Ordinal);
    private int _failed;
    private volatile bool _cancelled;

    internal RunSession(WorkflowEngine engine, ValidatedWorkflow workflow, RunRequest request, IReadOnlyList<ValidatedStage> stages,
        IReadOnlySet<string> targets, IDisposable workspaceLock, StatCache statCache, Rebuilder rebuilder, Committer committer,
        IStageExecutor executor, ResourcePool resources, IRunObserver observer)
    {
        _engine = engine;
        Workflow = workflow;
        _request = request;
        Stages = stages;
        Targets = targets.ToList();
        _lock = workspaceLock;
        _statCache = statCache;
        _rebuilder = rebuilder;
        _committer = committer;
        _executor = executor;
        _resources = resources;
        _observer = observer;
        _forced = request.Force ? targets.ToHashSet(StringComparer.Ordinal) : [];
        StartedUtc = DateTimeOffset.UtcNow;
        RunId = RunArchive.NewRunId(StartedUtc, workflow, targets);
    }

    public ValidatedWorkflow Workflow { get; }
    public string RunId { get; }
    public DateTimeOffset StartedUtc { get; }

    /// <summary>The stages this run covers (the targets and, unless exclusive, everything they need), in workflow order.</summary>
    public IReadOnlyList<ValidatedStage> Stages { get; }

    public IReadOnlyList<string> Targets { get; }

    public StageOutcome? Outcome(string stageId) => _outcomes.GetValueOrDefault(stageId);

    internal void Seed(IReadOnlyDictionary<string, StageRecord> upstream)
    {
        foreach (var (id, record) in upstream) _records[id] = record;
    }

    /// <summary>
    /// Runs one stage whose needs this session already ran (or, for an exclusive run, found cached): skipped if a
    /// need did not complete or the run stopped after a failure; otherwise reused from the cache or executed and
    /// committed. Never throws for a stage's own failure: the outcome says so.
    /// </summary>
    public async Task<StageOutcome> RunStageAsync(string stageId, CancellationToken cancellationToken = default)
    {
        var stage = Workflow.Resolve(stageId);
        if (!Stages.Contains(stage)) throw new EngineException($"stage '{stage.Id}' is not part of this run ({string.Join(", ", Stages.Select(s => s.Id))})");
        var outcome = await DecideAndRunAsync(stage, cancellationToken).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested) _cancelled = true;
        if (outcome.Status == StageStatus.Failed) Interlocked.Increment(ref _failed);
        _outcomes[stage.Id] = outcome;
        _observer.StageFinished(outcome);
        return outcome;
    }

    /// <summary>
    /// Takes a stage's outputs from the cache when its key is there and returns true (its outcome is then
    /// <see cref="StageStatus.Cached"/>); false when it has to run, or cannot (its outcome then comes from <see cref="RunStageAsync"/>).
    /// Lets a front end whose scheduler can skip tasks (Cake) show cached stages as skipped.
    /// </summary>
    public bool ReuseIfCached(string stageId)
    {
        var stage = Workflow.Resolve(stageId);
        if (_outcomes.TryGetValue(stage.Id, out var done)) return done.Status == StageStatus.Cached;
        if (!Stages.Contains(stage) || stage.Needs.Any(n => !_records.ContainsKey(n)) || Volatile.Read(ref _failed) > 0) return false;
        RebuildDecision decision;
        try
        {
            decision = _rebuilder.Decide(Workflow.Name, stage, _records, new HashSet<string>(), _forced.Contains(stage.Id));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false; // RunStageAsync reports it
        }
        if (decision.Status != StageStatus.Cached) return false;
        _outcomes[stage.Id] = Reuse(stage, decision, DateTimeOffset.UtcNow);
        _observer.StageFinished(_outcomes[stage.Id]);
        return true;
    }

    private StageOutcome Reuse(ValidatedStage stage, RebuildDecision decision, DateTimeOffset started)
    {
        _committer.Reused(Workflow.Name, stage, decision);
        _records[stage.Id] = decision.Cached!;
        return new StageOutcome
        {
            StageId = stage.Id, Kind = stage.Kind.Name, Status = StageStatus.Cached, Record = decision.Cached,
            StartedUtc = started, EndedUtc = DateTimeOffset.UtcNow, Device = decision.Cached!.Device,
        };
    }

    private async Task<StageOutcome> DecideAndRunAsync(ValidatedStage stage, CancellationToken cancellationToken)
    {
        var broken = stage.Needs.Where(n => !_records.ContainsKey(n)).ToList();
        if (broken.Count > 0 || cancellationToken.IsCancellationRequested || Volatile.Read(ref _failed) > 0)
            return Skip(stage, broken.Count > 0 ? $"needs {string.Join(", ", broken)}, which did not complete" : "the run stopped after a failure");

        var started = DateTimeOffset.UtcNow;
        var log = _committer.OpenLog(Workflow.Name, RunId, stage.Id, _request.Archive);
        string device = "cpu";
        RebuildDecision? decision = null;
        try
        {
            decision = _rebuilder.Decide(Workflow.Name, stage, _records, new HashSet<string>(), _forced.Contains(stage.Id), (done, total) =>
            {
                if (done == total || done % 64 == 0) _observer.StageProgress(stage.Id, new StageProgress((double)done / total, $"hashing inputs {done}/{total}"));
            });
            device = decision.Device;
            if (decision.Status == StageStatus.Cached) return Reuse(stage, decision, started);

            log.Write($"{stage.Id} ({stage.Kind.Name}) will run on {device}: {string.Join("; ", decision.Reasons)}");
            var record = await ExecuteAsync(stage, decision, log, cancellationToken).ConfigureAwait(false);
            _records[stage.Id] = record;
            log.Write($"committed in {(record.EndedUtc - record.StartedUtc).TotalSeconds:0.0} s as {record.Key}");
            return new StageOutcome
            {
                StageId = stage.Id, Kind = stage.Kind.Name, Status = StageStatus.Executed, Reasons = decision.Reasons, Record = record,
                StartedUtc = record.StartedUtc, EndedUtc = record.EndedUtc, Device = device, LogPath = RunRelative(log),
            };
        }
        catch (Exception e)
        {
            string message = e is OperationCanceledException ? "cancelled" : NameUpstreamObjects(Describe(e), decision);
            _observer.StageLog(stage.Id, "failed: " + message);
            log.Write("failed: " + message);
            return new StageOutcome
            {
                StageId = stage.Id, Kind = stage.Kind.Name, Status = StageStatus.Failed, Error = message, ErrorDetail = Unwrap(e).ToString(),
                ErrorPath = _committer.WriteFailure(Workflow.Name, RunId, stage.Id, Unwrap(e), _request.Archive), LogPath = RunRelative(log),
                StartedUtc = started, EndedUtc = DateTimeOffset.UtcNow, Device = device,
            };
        }
    }

    /// <summary>A message that names an upstream table by its cache path (a stage reading it reported a problem) names it as the user knows it.</summary>
    private string NameUpstreamObjects(string message, RebuildDecision? decision)
    {
        if (decision is null) return message;
        foreach (var u in decision.Upstream)
            message = message.Replace(_engine.Store.PathOf(u.Sha256), $"the '{u.Name}' table from stage '{u.Stage}'", StringComparison.Ordinal);
        return message;
    }

    private string? RunRelative(StageLogFile log) => log.Path is not null && File.Exists(log.Path) ? $"{RunArchive.LogsFolder}/{Path.GetFileName(log.Path)}" : null;

    /// <summary>Waits for the declared resources, runs the kind in a private scratch folder, then commits.</summary>
    private async Task<StageRecord> ExecuteAsync(ValidatedStage stage, RebuildDecision decision, StageLogFile log, CancellationToken cancellationToken)
    {
        string scratch = _committer.NewScratch(stage.Id);
        _committer.Started(Workflow.Name, stage.Id, RunId);
        try
        {
            var upstreamPaths = decision.Upstream.ToDictionary(u => u.Name, u => _engine.Store.PathOf(u.Sha256), StringComparer.Ordinal);
            var context = new StageContext(stage.Kind, stage.Parameters, scratch, stage.Id, decision.Device, _engine.Workspace.Root, decision.Sources, upstreamPaths,
                p => _observer.StageProgress(stage.Id, p),
                m => { log.Write(m); _observer.StageLog(stage.Id, m); })
            { CancellationToken = cancellationToken };

            var declared = stage.Kind.Resources(stage.Parameters);
            if (decision.Device == "cuda") declared = declared with { Exclusive = [.. declared.Exclusive, StageResources.Gpu] };
            using var lease = await _resources.AcquireAsync(declared, () =>
                _observer.StageProgress(stage.Id, new StageProgress(0.0, "waiting for " + Describe(declared))), cancellationToken).ConfigureAwait(false);

            _observer.StageStarted(stage.Id, decision.Device);
            var started = DateTimeOffset.UtcNow;
            int shards = stage.Kind is IShardableStageKind ? _executor.ShardsFor(stage.Kind) : 1;
            if (shards > 1)
                await new ShardedExecution(_committer, _executor, _engine.Workspace).RunAsync(stage, decision, context, shards,
                    (shard, attempt, path) => _committer.KeepShardLog(Workflow.Name, RunId, stage.Id, shard, attempt, path, _request.Archive), cancellationToken).ConfigureAwait(false);
            else
                await _executor.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
            var ended = DateTimeOffset.UtcNow;
            return _committer.Commit(Workflow.Name, stage, decision, context, started, ended);
        }
        catch
        {
            // A failure or a cancellation we saw is not an interruption: the next plan gives the stage's own reasons, not "interrupted".
            _committer.Abandoned(Workflow.Name, stage.Id);
            throw;
        }
        finally
        {
            Committer.TryDeleteDirectory(scratch);
        }
    }

    private string Describe(StageResources r) =>
        $"{Math.Min(r.Threads, _resources.Cores)} of {_resources.Cores} cores" + (r.Exclusive.Count > 0 ? " and " + string.Join(", ", r.Exclusive) : "");

    private static StageOutcome Skip(ValidatedStage stage, string why) => new()
    {
        StageId = stage.Id, Kind = stage.Kind.Name, Status = StageStatus.Skipped, Reasons = [why],
        StartedUtc = DateTimeOffset.UtcNow, EndedUtc = DateTimeOffset.UtcNow,
    };

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;

    // Bad input is a FormatException (the libraries throw Data's DataProblemException: file, record, reason, fix):
    // its message is all the user needs; the stack trace goes to the run's error file.
    private static string Describe(Exception e) =>
        Unwrap(e) is var u && u is EngineException or WorkflowValidationException or FormatException ? u.Message
        : $"{u.GetType().Name}: {u.Message}";

    /// <summary>Saves the stat cache and archives the run's provenance (unless the request turned it off).</summary>
    public RunReport Finish()
    {
        _statCache.Save();
        _engine.Store.SaveChecks();
        var ordered = Stages.Select(s => _outcomes.GetValueOrDefault(s.Id) ?? Skip(s, "not run")).ToList();
        var endedUtc = DateTimeOffset.UtcNow;
        // A run where nothing ran, whose results the workflow's latest archived run already holds, adds no folder: it points at that run.
        string? archived = _request.Archive && ordered.All(o => o.Status == StageStatus.Cached)
            ? _committer.ArchiveHoldingSameResults(Workflow, ordered, RunId) : null;
        string? runDirectory = archived ?? (_request.Archive
            ? _committer.Archive(RunId, Workflow, Targets, ordered, _records, StartedUtc, endedUtc)
            : null);
        var report = new RunReport(Workflow.Name, Targets, ordered, runDirectory, StartedUtc, endedUtc)
        {
            Cancelled = _cancelled, ReusedArchive = archived is not null,
        };
        _observer.RunFinished(report);
        return report;
    }

    public ValueTask DisposeAsync()
    {
        _lock.Dispose();
        return ValueTask.CompletedTask;
    }
}
