using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Identity;
using Radiogenomics.Engine.Provenance;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// The engine's front door, shared by the CLI and the Cake script: load and validate a workflow, plan (cached or
/// will-run, with reasons), run with parallel stages, early cut-off and atomic commits, and archive each run's
/// provenance. In build-system terms (Mokhov, Mitchell and Peyton Jones 2018) a run is a <see cref="Scheduler"/>
/// (or Cake's task graph) over a constructive-trace <see cref="Rebuilder"/> keyed on content, an
/// <see cref="IStageExecutor"/> and a <see cref="Committer"/>, the only writer of the cache; see docs/architecture.md.
/// </summary>
public sealed class WorkflowEngine
{
    private readonly IDeviceProbe _deviceProbe;
    /// <summary>
    /// Enumerated when a run is archived, not before: reading versions can load native libraries (libtorch, DuckDB:
    /// seconds), which a plan or a no-op rerun never needs. Code identity does not depend on it (see <see cref="ICodeIdentity"/>).
    /// </summary>
    private readonly Lazy<IReadOnlyList<SoftwareComponent>> _software;
    private readonly ICodeIdentity _codeIdentity;
    private readonly IStageExecutor _executor;
    private readonly ResourcePool _resources;

    public WorkflowEngine(Workspace workspace, StageRegistry registry, IDeviceProbe? deviceProbe = null, IEnumerable<SoftwareComponent>? software = null,
        ICodeIdentity? codeIdentity = null, IStageExecutor? executor = null, ResourcePool? resources = null)
    {
        Workspace = workspace;
        Registry = registry;
        Store = new ContentStore(workspace);
        Records = new RecordStore(workspace);
        _deviceProbe = deviceProbe ?? new CpuOnlyDeviceProbe();
        _software = new(() => software?.ToList() ?? []);
        _codeIdentity = codeIdentity ?? DefaultCodeIdentities.GetOrAdd(workspace.CacheDirectory,
            cache => new TypeClosureIdentity(Path.Combine(cache, "code-identity.json")));
        _executor = executor ?? InProcessExecutor.Instance;
        _resources = resources ?? ResourcePool.Shared;
    }

    /// <summary>
    /// One per engine, shared by its plans and runs: the file is loaded once per invocation (a fetch stage's written files
    /// are tens of thousands of lines), and a file hashed by a plan is not read again by the run after it. Every use still
    /// stats the file, so a change between the two is seen.
    /// </summary>
    private StatCache SharedStatCache => LazyInitializer.EnsureInitialized(ref _statCache, () => new StatCache(Workspace.StatCachePath));
    private StatCache? _statCache;

    /// <summary>One per workspace and process: type digests are computed once, and kept between processes under the cache.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TypeClosureIdentity> DefaultCodeIdentities = new(StringComparer.Ordinal);

    public Workspace Workspace { get; }
    public StageRegistry Registry { get; }
    public ContentStore Store { get; }
    public RecordStore Records { get; }

    public ValidatedWorkflow Load(string path) => WorkflowValidator.Load(path, Registry);

    private Rebuilder NewRebuilder(StatCache statCache, int hashParallelism) =>
        new(Workspace, Store, Records, new KeyResolver(Workspace, statCache, _deviceProbe, _codeIdentity, hashParallelism));

    /// <summary>Predicts what a run of <paramref name="targets"/> would do, without running or locking anything.</summary>
    public RunPlan Plan(ValidatedWorkflow workflow, IReadOnlyList<string> targets, bool force = false)
    {
        Workspace.EnsureCreated();
        var statCache = SharedStatCache;
        var rebuilder = NewRebuilder(statCache, Environment.ProcessorCount);
        var targetIds = TargetIds(workflow, targets);
        var planned = PlanStages(workflow, workflow.Closure(targetIds), rebuilder, force ? targetIds : []).Planned;
        statCache.Save();
        Store.SaveChecks();
        return new RunPlan(workflow.Name, targetIds.ToList(), planned);
    }

    private (List<PlannedStage> Planned, Dictionary<string, StageRecord> Known) PlanStages(ValidatedWorkflow workflow, IEnumerable<ValidatedStage> stages,
        Rebuilder rebuilder, IReadOnlySet<string> forced)
    {
        var known = new Dictionary<string, StageRecord>(StringComparer.Ordinal);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var planned = new List<PlannedStage>();
        foreach (var stage in stages)
        {
            var decision = rebuilder.Decide(workflow.Name, stage, known, pending, forced.Contains(stage.Id));
            if (decision.Status == StageStatus.Cached) known[stage.Id] = decision.Cached!;
            else pending.Add(stage.Id);
            planned.Add(new PlannedStage(stage.Id, stage.Definition.TaskName, stage.Kind.Name, decision.Status, decision.Reasons, decision.Key));
        }
        return (planned, known);
    }

    private static HashSet<string> TargetIds(ValidatedWorkflow workflow, IReadOnlyList<string> targets) =>
        (targets.Count > 0 ? targets.Select(t => workflow.Resolve(t).Id) : workflow.Stages.Select(s => s.Id)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Runs the request's targets (and what they need) with the engine's parallel scheduler.</summary>
    public async Task<RunReport> RunAsync(ValidatedWorkflow workflow, RunRequest request, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        await using var session = await BeginRunAsync(workflow, request, observer, cancellationToken).ConfigureAwait(false);
        await Scheduler.RunAsync(session, request.MaxParallelism, cancellationToken).ConfigureAwait(false);
        return session.Finish();
    }

    /// <summary>
    /// Takes the workspace lock and opens a run whose stages the caller runs one by one, needs first (how Cake runs
    /// each stage as its own task). Call <see cref="RunSession.Finish"/> to archive it, then dispose it.
    /// </summary>
    public async Task<RunSession> BeginRunAsync(ValidatedWorkflow workflow, RunRequest request, IRunObserver? observer = null, CancellationToken cancellationToken = default)
    {
        observer ??= NullRunObserver.Instance;
        Workspace.EnsureCreated();
        var targetIds = TargetIds(workflow, request.Targets);
        var stages = request.Exclusive
            ? workflow.Stages.Where(s => targetIds.Contains(s.Id)).ToList()
            : workflow.Closure(targetIds).ToList();

        var workspaceLock = await WorkspaceLock.AcquireAsync(Workspace, request.LockTimeout,
            $"rg run {workflow.Name} --target {string.Join(",", targetIds)}", observer.WaitingForLock, cancellationToken).ConfigureAwait(false);
        try
        {
            var committer = new Committer(Workspace, Store, Records, _software);
            committer.ClearAbandonedTemp();
            var statCache = SharedStatCache;
            var rebuilder = NewRebuilder(statCache, Math.Max(1, request.MaxParallelism));
            var upstream = request.Exclusive ? CachedUpstream(workflow, stages, rebuilder) : [];
            var session = new RunSession(this, workflow, request, stages, targetIds, workspaceLock, statCache, rebuilder, committer, _executor, _resources, observer);
            session.Seed(upstream);
            observer.RunStarted(new RunPlan(workflow.Name, targetIds.ToList(),
                stages.Select(s => new PlannedStage(s.Id, s.Definition.TaskName, s.Kind.Name, StageStatus.MayRun, [], null)).ToList()));
            return session;
        }
        catch
        {
            workspaceLock.Dispose();
            throw;
        }
    }

    /// <summary>For --exclusive: every need of the targets must already be cached under its current key.</summary>
    private Dictionary<string, StageRecord> CachedUpstream(ValidatedWorkflow workflow, List<ValidatedStage> targets, Rebuilder rebuilder)
    {
        var upstream = workflow.Closure(targets.Select(t => t.Id)).Where(s => !targets.Contains(s)).ToList();
        var (planned, known) = PlanStages(workflow, upstream, rebuilder, new HashSet<string>());
        var missing = planned.Where(p => p.Status != StageStatus.Cached).Select(p => $"{p.StageId} ({string.Join("; ", p.Reasons)})").ToList();
        if (missing.Count > 0)
            throw new EngineException($"--exclusive runs only {string.Join(", ", targets.Select(t => t.Id))}, but these stages it needs are not cached: {string.Join(", ", missing)}. Run without --exclusive.");
        return known;
    }

    /// <summary>Digest of a workflow file, as recorded in provenance.</summary>
    public static string WorkflowDigest(ValidatedWorkflow workflow) => Sha256Hex.OfFile(workflow.Definition.SourcePath);
}
