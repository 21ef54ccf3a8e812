using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// Decides, for one stage, whether its outputs can be reused: builds its cache key from its definition, code,
/// source files and upstream records, looks the key up and explains a miss. The one implementation behind both
/// <see cref="WorkflowEngine.Plan"/> and a run, so a plan says exactly what the run will do. Reads the cache, never
/// writes it (that is the <see cref="Committer"/>'s job).
/// </summary>
internal sealed class Rebuilder(Workspace workspace, ContentStore store, RecordStore records, KeyResolver keys)
{
    public const string IncompleteReason = "cached outputs incomplete (an output was garbage-collected or deleted, or the kind now declares more outputs)";

    /// <param name="done">Records of finished (or cached) needs, by stage id.</param>
    /// <param name="pending">Needs that will run first; their output, hence this stage's key, is not known yet.</param>
    public RebuildDecision Decide(string workflowName, ValidatedStage stage, IReadOnlyDictionary<string, StageRecord> done,
        IReadOnlySet<string> pending, bool force, Action<int, int>? hashProgress = null)
    {
        string device = keys.ResolveDevice(stage);
        var sources = keys.ResolveSources(stage, hashProgress);
        var interrupted = Journal.Interrupted(workspace, workflowName, stage.Id);
        var runningNeeds = stage.Needs.Where(pending.Contains).ToList();
        if (runningNeeds.Count > 0)
        {
            var last = records.LastState(workflowName, stage.Id);
            // Upstream output is unknown until it runs; say whether this stage changed on its own account too.
            var own = last is null ? ["never run"] : RerunExplainer.Explain(keys.Components(stage, sources, last.Components.Upstream, device), last)
                .Where(r => !r.StartsWith("upstream ", StringComparison.Ordinal)).ToList();
            return new RebuildDecision
            {
                Status = own.Count > 0 ? StageStatus.WillRun : StageStatus.MayRun, Device = device, Last = last, Interrupted = interrupted, Sources = sources,
                Reasons = own.Count > 0 ? own : [$"upstream {string.Join(", ", runningNeeds)} will run; stays cached if its output is unchanged"],
            };
        }
        var upstream = KeyResolver.SelectUpstream(stage, done);
        var components = keys.Components(stage, sources, upstream, device);
        string key = components.ComputeKey();
        var record = records.Find(key);
        var changedFiles = record is null ? [] : keys.ChangedWrittenFiles(record);
        var damaged = record is null ? [] : Damaged(record);
        bool complete = record is not null && IsComplete(record, stage) && changedFiles.Count == 0 && damaged.Count == 0;
        var decision = new RebuildDecision
        {
            Status = StageStatus.Cached, Device = device, Key = key, Components = components, Interrupted = interrupted,
            Sources = sources, Upstream = upstream,
        };
        // A hit needs only the state pointer's key (does it already name this record?); a miss reads it whole to explain itself.
        if (complete && !force)
            return decision with { Cached = record, StateCurrent = records.LastStateHead(workflowName, stage.Id) is { } head && head.Key == key && head.StageId == stage.Id };
        decision = decision with { Last = records.LastState(workflowName, stage.Id) };
        var lastRecord = decision.Last;

        // A committed record is trustworthy even if a later execution was interrupted; the marker only explains a rerun.
        var reasons = interrupted is not null ? [$"interrupted during run {interrupted}"] : new List<string>();
        if (force) reasons.Add("forced");
        if (changedFiles.Count > 0)
            reasons.Add($"files it wrote changed or disappeared since: {string.Join(", ", changedFiles.Take(3))}{(changedFiles.Count > 3 ? $" and {changedFiles.Count - 3} more" : "")}");
        else if (damaged.Count > 0)
            reasons.Add($"cached output {string.Join(", ", damaged)} damaged (its bytes no longer match its SHA-256); rerunning replaces it");
        else if (record is not null && !complete) reasons.Add(IncompleteReason);
        var diff = RerunExplainer.Explain(components, lastRecord);
        if (diff.Count == 0 && reasons.Count == 0) diff.Add("no record for this key");
        reasons.AddRange(diff);
        return decision with { Status = StageStatus.WillRun, Reasons = reasons };
    }

    /// <summary>A record is reusable when every output the kind declares is recorded and still in the store.</summary>
    private bool IsComplete(StageRecord record, ValidatedStage stage) =>
        stage.Kind.Produces.All(o => record.Outputs.ContainsKey(o.Name)) && record.Outputs.Values.All(o => store.Contains(o.Sha256));

    /// <summary>Outputs present in the store whose bytes no longer match their name (checked by stat, re-hashed when it changed).</summary>
    private List<string> Damaged(StageRecord record) =>
        record.Outputs.Where(o => store.Contains(o.Value.Sha256) && !store.IsIntact(o.Value.Sha256)).Select(o => $"'{o.Key}'").ToList();
}
