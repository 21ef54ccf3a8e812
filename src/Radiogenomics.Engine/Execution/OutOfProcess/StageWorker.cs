using System.Text.Json;
using System.Text.Json.Nodes;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Execution.OutOfProcess;

/// <summary>
/// The other process's side of a <see cref="StageJob"/> (<c>rg stage-run job.json</c>, locally or as a Slurm array
/// task): checks that the workspace and the store are visible at the job's paths, reads upstream tables by digest
/// (each checked against its name), runs the kind or the shard into the job's folder and writes
/// <see cref="StageJob.ResultFile"/> last. It never writes the cache.
/// </summary>
public static class StageWorker
{
    /// <summary>
    /// Fault injection for the tests and the benchmark: <c>stage:shard</c> fails that shard on every attempt,
    /// <c>stage:shard:n</c> on its first n attempts (e.g. <c>Associate:3:1</c> is retried and then succeeds).
    /// </summary>
    public const string InjectFailureVariable = "RG_INJECT_SHARD_FAILURE";

    private static readonly JsonSerializerOptions FactOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Runs the job; 0 when its result was written, 1 when the stage failed (the reason on <paramref name="log"/>), 2 when the job cannot run here.</summary>
    public static async Task<int> RunAsync(string jobPath, StageRegistry registry, TextWriter log, CancellationToken cancellationToken)
    {
        StageJob job;
        try
        {
            job = StageJob.Read(Path.GetFullPath(jobPath));
        }
        catch (Exception e) when (e is EngineException or IOException or UnauthorizedAccessException)
        {
            log.WriteLine($"stage-run: {e.Message}");
            return 2;
        }
        string where = Environment.GetEnvironmentVariable("SLURM_JOB_ID") is { } slurmJob
            ? $"Slurm job {Environment.GetEnvironmentVariable("SLURM_ARRAY_JOB_ID") ?? slurmJob}_{Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID") ?? "0"} on node {Environment.GetEnvironmentVariable("SLURMD_NODENAME")} ({Environment.MachineName})"
            : $"{Environment.MachineName}";
        log.WriteLine($"stage-run: {job.StageId} ({job.Kind}){(job.Shard is { } s ? $" shard {s}" : "")}, attempt {job.Attempt}, {where}, pid {Environment.ProcessId}");
        try
        {
            var kind = registry.TryGet(job.Kind, out var k) ? k : throw new EngineException($"this rg has no stage kind '{job.Kind}': the compute node runs another build than the submitting side");
            var workspace = new Workspace(job.WorkspaceRoot, job.CacheDirectory);
            var store = new ContentStore(workspace);
            if (!Directory.Exists(job.WorkspaceRoot) || !Directory.Exists(workspace.ObjectsDirectory))
                throw new EngineException($"the workspace {job.WorkspaceRoot} (cache {job.CacheDirectory}) is not visible on {Environment.MachineName}: the executor assumes one shared file system, mounted at the same path on every node");
            var upstream = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, sha) in job.Upstream)
            {
                if (!store.IsIntact(sha))
                    throw new EngineException($"upstream table '{name}' ({sha}) is missing or damaged in {workspace.ObjectsDirectory} as seen from {Environment.MachineName}");
                upstream[name] = store.PathOf(sha);
            }
            var sources = job.Sources.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<SourceFile>)kv.Value.Select(f => Source(job, f)).ToList(), StringComparer.Ordinal);
            InjectFailure(job);

            var context = new StageContext(kind, new ResolvedParameters(job.Parameters.ToDictionary(kv => kv.Key, kv => kv.Value)), job.Directory, job.StageId, job.Device,
                job.WorkspaceRoot, sources, upstream, log: m => log.WriteLine(m)) { CancellationToken = cancellationToken };
            var result = new JsonObject();
            if (job.Shard is { } shard)
            {
                var shardable = kind as IShardableStageKind ?? throw new EngineException($"stage kind {kind.Name} does not split into shards");
                await shardable.RunShardAsync(context, shard, job.ShardOutput!, cancellationToken).ConfigureAwait(false);
                result["shard"] = Describe(job.ShardOutput!);
            }
            else
            {
                await kind.RunAsync(context, cancellationToken).ConfigureAwait(false);
                var outputs = new JsonObject();
                foreach (var spec in kind.Produces)
                {
                    string path = context.Output(spec.Name);
                    if (!File.Exists(path)) throw new EngineException($"stage '{job.StageId}' ({kind.Name}) finished without writing its output '{spec.Name}' — a bug in the stage kind");
                    outputs[spec.Name] = Describe(path);
                }
                result["outputs"] = outputs;
                var facts = new JsonObject();
                foreach (var (name, value) in context.RecordedFacts.OrderBy(f => f.Key, StringComparer.Ordinal))
                    facts[name] = JsonSerializer.SerializeToNode(value, FactOptions);
                result["facts"] = facts;
                result["written"] = new JsonArray([.. context.WrittenFiles.Select(f => (JsonNode)new JsonObject { ["path"] = f.RelativePath, ["sha256"] = f.Sha256, ["size"] = f.Size })]);
            }
            AtomicFile.WriteAllText(job.PathIn(StageJob.ResultFile), result.ToJsonString());
            log.WriteLine("stage-run: done");
            return 0;
        }
        catch (Exception e)
        {
            log.WriteLine(e is OperationCanceledException ? "stage-run: cancelled" : $"stage-run: failed: {e}");
            return 1;
        }
    }

    private static JsonObject Describe(string path) => new() { ["sha256"] = Sha256Hex.OfFile(path), ["size"] = new FileInfo(path).Length };

    private static SourceFile Source(StageJob job, JobSourceFile f)
    {
        string full = Path.GetFullPath(Path.Combine(job.WorkspaceRoot, f.RelativePath));
        var info = new FileInfo(full);
        if (!info.Exists || info.Length != f.Size)
            throw new EngineException($"input {f.RelativePath} is {(info.Exists ? $"{info.Length} bytes, not {f.Size}" : "missing")} under {job.WorkspaceRoot} on {Environment.MachineName}: the workspace must be one shared file system, unchanged while the run goes on");
        return new SourceFile(f.RelativePath, full, f.Sha256, f.Size);
    }

    private static void InjectFailure(StageJob job)
    {
        if (Environment.GetEnvironmentVariable(InjectFailureVariable) is not { Length: > 0 } spec || job.Shard is not { } shard) return;
        var parts = spec.Split(':');
        if (parts[0] != job.StageId || parts.Length < 2 || !int.TryParse(parts[1], out int index) || index != shard.Index) return;
        if (parts.Length > 2 && int.TryParse(parts[2], out int attempts) && job.Attempt > attempts) return;
        throw new EngineException($"injected failure of shard {shard} ({InjectFailureVariable}={spec})");
    }
}
