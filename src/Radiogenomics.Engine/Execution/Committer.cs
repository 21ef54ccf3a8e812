using System.Text.Json;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Provenance;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// The only writer of the cache and the run folder: it moves a finished stage's outputs into the content store
/// (atomic renames), then writes the record, then the state pointer — so a crash before the record leaves at most
/// unreferenced objects, which the next run reuses or Gc removes — keeps the "started" journal, the stage logs and
/// failure reports of a run, and archives the run's provenance at its end.
/// </summary>
internal sealed class Committer(Workspace workspace, ContentStore store, RecordStore records, Lazy<IReadOnlyList<SoftwareComponent>> software)
{
    /// <summary>A fact may be NaN (a recall with nothing to recall): written as "NaN" instead of failing the finished stage.</summary>
    private static readonly JsonSerializerOptions FactOptions = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The run folder while the run is going on; <see cref="RunArchive"/> completes it and renames it.</summary>
    public string PartialRunDirectory(string workflow, string runId) => RunArchive.PartialDirectory(workspace, workflow, runId);

    public StageLogFile OpenLog(string workflow, string runId, string stageId, bool archive) =>
        new(archive ? Path.Combine(PartialRunDirectory(workflow, runId), RunArchive.LogsFolder, stageId + ".log") : null);

    /// <summary>The full exception with its stack trace beside the stage's log; returns its run-relative path.</summary>
    public string? WriteFailure(string workflow, string runId, string stageId, Exception error, bool archive)
    {
        if (!archive) return null;
        string relative = $"{RunArchive.LogsFolder}/{stageId}.error.txt";
        string path = Path.Combine(PartialRunDirectory(workflow, runId), relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, error.ToString() + "\n");
        return relative;
    }

    public void Started(string workflow, string stageId, string runId) => Journal.Start(workspace, workflow, stageId, runId);

    /// <summary>The execution ended without a record (it failed or was cancelled, and we know it): clear its "started" marker.</summary>
    public void Abandoned(string workflow, string stageId) => Journal.Finish(workspace, workflow, stageId);

    /// <summary>A cache hit: point the workflow's state at the reused record and clear a stale "started" marker.</summary>
    public void Reused(string workflow, ValidatedStage stage, RebuildDecision decision)
    {
        var cached = decision.Cached!;
        if (decision.Interrupted is not null) Journal.Finish(workspace, workflow, stage.Id);
        if (!decision.StateCurrent) records.SaveState(workflow, cached with { StageId = stage.Id });
    }

    public StageRecord Commit(string workflow, ValidatedStage stage, RebuildDecision decision, StageContext context, DateTimeOffset started, DateTimeOffset ended)
    {
        var outputs = new SortedDictionary<string, OutputObject>(StringComparer.Ordinal);
        foreach (var spec in stage.Kind.Produces)
        {
            string path = context.Output(spec.Name);
            if (!File.Exists(path))
                throw new EngineException($"stage '{stage.Id}' ({stage.Kind.Name}) finished without writing its output '{spec.Name}' — a bug in the stage kind");
            var (sha, size) = store.Add(path);
            outputs[spec.Name] = new OutputObject(sha, size, spec.Extension);
        }
        var facts = context.RecordedFacts.ToDictionary(kv => kv.Key, kv => kv.Value is null ? (object?)null : JsonSerializer.SerializeToElement(kv.Value, FactOptions));
        var record = new StageRecord
        {
            Key = decision.Key!, StageId = stage.Id, Components = decision.Components!, Outputs = outputs,
            StartedUtc = started, EndedUtc = ended, Device = decision.Device, Facts = facts,
            WrittenFiles = context.WrittenFiles.Select(f => new WrittenFile(f.RelativePath, f.Sha256, f.Size)).ToList(),
        };
        records.Save(record);
        records.SaveState(workflow, record);
        Journal.Finish(workspace, workflow, stage.Id);
        return record;
    }

    /// <summary>A shard's file from an earlier, unfinished execution of the same stage key, or null (its record or object is gone).</summary>
    public string? FindShard(string shardKey)
    {
        string path = ShardRecordPath(shardKey);
        if (!File.Exists(path)) return null;
        try
        {
            string sha = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("sha256").GetString()!;
            return store.IsIntact(sha) ? store.PathOf(sha) : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            return null; // an unreadable shard record: the shard reruns
        }
    }

    /// <summary>Moves a checked shard file into the store, then writes its record (as <see cref="Commit"/>: object first); returns the stored path.</summary>
    public string CommitShard(string shardKey, string stageId, StageShard shard, string file)
    {
        var (sha, size) = store.Add(file);
        AtomicFile.WriteAllText(ShardRecordPath(shardKey), JsonSerializer.Serialize(new { stage = stageId, shard = shard.ToString(), sha256 = sha, size }));
        return store.PathOf(sha);
    }

    private string ShardRecordPath(string shardKey) => Path.Combine(workspace.CacheDirectory, "shards", shardKey[..2], shardKey + ".json");

    /// <summary>Copies a shard's log (from its staging folder, which is deleted) beside the stage's log; returns its run-relative path.</summary>
    public string? KeepShardLog(string workflow, string runId, string stageId, StageShard shard, int attempt, string log, bool archive)
    {
        if (!archive || !File.Exists(log)) return null;
        string relative = $"{RunArchive.LogsFolder}/{stageId}.shard-{shard.Index}.attempt-{attempt}.log";
        string target = Path.Combine(PartialRunDirectory(workflow, runId), relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(log, target, overwrite: true);
        return relative;
    }

    public string Archive(string runId, ValidatedWorkflow workflow, IReadOnlyList<string> targets, IReadOnlyList<StageOutcome> outcomes,
        IReadOnlyDictionary<string, StageRecord> stageRecords, DateTimeOffset startedUtc, DateTimeOffset endedUtc) =>
        new RunArchive(workspace, store, software.Value).Write(runId, workflow, targets, outcomes, stageRecords, startedUtc, endedUtc);

    /// <summary>
    /// The workflow's latest archived run when it lists exactly the results these outcomes would archive (same stages,
    /// outputs and SHA-256), else null; the partial folder of this run, if one was begun, is removed then.
    /// </summary>
    public string? ArchiveHoldingSameResults(ValidatedWorkflow workflow, IReadOnlyList<StageOutcome> outcomes, string runId)
    {
        string latest = RunArchive.LatestLink(workspace, workflow.Name);
        string metadata = Path.Combine(latest, RunArchive.MetadataFile);
        if (!File.Exists(metadata)) return null;
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in outcomes)
            foreach (var (name, obj) in o.Record!.Outputs)
                wanted.Add(RunCrate.ResultPath(o.StageId, name, obj) + " " + obj.Sha256);
        var archived = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            // A read-only document over the bytes, not a mutable node tree: the crate lists every file the run's stages
            // wrote (megabytes for a fetch of thousands of DICOM files), and this runs on every no-op rerun.
            using var crate = JsonDocument.Parse(File.ReadAllBytes(metadata));
            foreach (var node in crate.RootElement.GetProperty("@graph").EnumerateArray())
                if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty("@id", out var id) && id.ValueKind == JsonValueKind.String
                    && id.GetString() is { } path && path.StartsWith("results/", StringComparison.Ordinal)
                    && node.TryGetProperty("sha256", out var sha) && sha.ValueKind == JsonValueKind.String)
                    archived.Add(path + " " + sha.GetString());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // an unreadable crate: archive afresh
        }
        if (!wanted.SetEquals(archived)) return null;
        TryDeleteDirectory(PartialRunDirectory(workflow.Name, runId));
        return Path.Combine(RunArchive.WorkflowRunsDirectory(workspace, workflow.Name), new DirectoryInfo(latest).LinkTarget ?? "latest");
    }

    /// <summary>
    /// Temp files of runs that died are garbage once we hold the lock: nobody else can be writing them. A dead run's
    /// folder keeps its stage logs as evidence, renamed <c>&lt;run&gt;.interrupted</c> so nobody takes it for a run in progress.
    /// </summary>
    public void ClearAbandonedTemp()
    {
        var folders = Directory.EnumerateDirectories(workspace.RunsDirectory).Where(d => new DirectoryInfo(d).LinkTarget is null).ToList();
        foreach (var partial in folders.Concat(folders.Where(d => !d.EndsWith(".partial", StringComparison.Ordinal)).SelectMany(d => Directory.EnumerateDirectories(d)))
                     .Where(d => d.EndsWith(".partial", StringComparison.Ordinal)).ToList())
        {
            string interrupted = partial[..^".partial".Length] + ".interrupted";
            try { if (!Directory.Exists(interrupted)) Directory.Move(partial, interrupted); else TryDeleteDirectory(partial); }
            catch (IOException) { }
        }
        foreach (var entry in Directory.EnumerateFileSystemEntries(workspace.TempDirectory))
            if (Directory.Exists(entry)) TryDeleteDirectory(entry);
            else TryDelete(entry);
    }

    public string NewScratch(string stageId)
    {
        string scratch = Path.Combine(workspace.TempDirectory, $"{stageId}-{Guid.NewGuid():N}"[..Math.Min(stageId.Length + 13, 60)]);
        Directory.CreateDirectory(Path.Combine(scratch, "out"));
        return scratch;
    }

    public static void TryDeleteDirectory(string path)
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
}
