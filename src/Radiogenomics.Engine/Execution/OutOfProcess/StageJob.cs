using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Execution.OutOfProcess;

/// <summary>
/// One stage execution (or one shard of it) as another process receives it: the kind, its typed parameters, the
/// source files and upstream tables by content hash (read from the shared store), and the staging folder where the
/// worker (<c>rg stage-run job.json</c>) writes its outputs and <see cref="ResultFile"/>. The worker never writes
/// the cache: the submitting side's committer checks the outputs against the result and commits them.
/// </summary>
public sealed record StageJob
{
    public const string FileName = "job.json";

    /// <summary>What the worker wrote when it succeeded: output digests, facts, written files.</summary>
    public const string ResultFile = "result.json";

    /// <summary>The worker's exit status, written by the batch script after the worker ends (never by the worker).</summary>
    public const string ExitCodeFile = "exit-code";

    public required string Kind { get; init; }
    public required string StageId { get; init; }
    public string Device { get; init; } = "cpu";
    public required string WorkspaceRoot { get; init; }
    public required string CacheDirectory { get; init; }

    /// <summary>The staging folder: the worker's outputs go to its <c>out/</c>, as in an in-process run.</summary>
    public required string Directory { get; init; }

    public required IReadOnlyDictionary<string, object?> Parameters { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<JobSourceFile>> Sources { get; init; } = new Dictionary<string, IReadOnlyList<JobSourceFile>>();

    /// <summary>Upstream table name → SHA-256 of its object in the shared content store.</summary>
    public IReadOnlyDictionary<string, string> Upstream { get; init; } = new Dictionary<string, string>();

    /// <summary>Set for one shard of a sharded stage: the worker runs only that shard and writes <see cref="ShardOutput"/>.</summary>
    public StageShard? Shard { get; init; }

    public string? ShardOutput { get; init; }

    /// <summary>1 for the first try; a retried shard gets the next number (its log is kept per attempt).</summary>
    public int Attempt { get; init; } = 1;

    public string PathIn(string name) => Path.Combine(Directory, name);

    /// <summary>The job of an execution the engine prepared: upstream tables named by the hash in their store path.</summary>
    public static StageJob For(StageContext context, Workspace workspace, StageShard? shard = null, string? shardDirectory = null)
    {
        var upstream = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in context.Kind.Consumes.Concat(context.Kind.OptionalConsumes).Distinct())
            if (context.HasInput(name)) upstream[name] = HashOfStorePath(workspace, context.Input(name));
        var sources = new SortedDictionary<string, IReadOnlyList<JobSourceFile>>(StringComparer.Ordinal);
        foreach (var slot in context.Kind.Inputs)
            sources[slot.Name] = context.InputFiles(slot.Name).Select(f => new JobSourceFile(f.RelativePath, f.Sha256, f.Size)).ToList();
        string directory = shardDirectory ?? context.ScratchDirectory;
        return new StageJob
        {
            Kind = context.Kind.Name, StageId = context.StageId, Device = context.Device, WorkspaceRoot = workspace.Root,
            CacheDirectory = workspace.CacheDirectory, Directory = directory, Parameters = context.Parameters.Values, Sources = sources,
            Upstream = upstream, Shard = shard,
            ShardOutput = shard is null ? null : Path.Combine(directory, "shard" + ((IShardableStageKind)context.Kind).ShardExtension),
        };
    }

    /// <summary>Store objects live at <c>objects/ab/cdef…</c>: the folder and file name are the digest.</summary>
    private static string HashOfStorePath(Workspace workspace, string path)
    {
        string full = Path.GetFullPath(path);
        string sha = Path.GetFileName(Path.GetDirectoryName(full)!) + Path.GetFileName(full);
        if (!Hashing.Sha256Hex.IsDigest(sha) || Path.GetFullPath(new ContentStore(workspace).PathOf(sha)) != full)
            throw new EngineException($"upstream table {path} is not an object of the workspace's content store; an out-of-process stage receives only stored tables");
        return sha;
    }

    public void Write(string path) => AtomicFile.WriteAllText(path, ToJson().ToJsonString(Indented));

    public static StageJob Read(string path)
    {
        JsonObject o;
        try
        {
            o = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException)
        {
            throw new EngineException($"{path}: not a stage job ({e.Message}); it is written by the executor that submits the job");
        }
        var shard = o["shard"] is JsonObject s ? new StageShard((int)s["index"]!, (int)s["count"]!) : (StageShard?)null;
        return new StageJob
        {
            Kind = (string)o["kind"]!, StageId = (string)o["stage"]!, Device = (string)o["device"]!, WorkspaceRoot = (string)o["workspace"]!,
            CacheDirectory = (string)o["cache"]!, Directory = (string)o["directory"]!, Attempt = (int)o["attempt"]!,
            Parameters = o["parameters"]!.AsObject().ToDictionary(p => p.Key, p => ReadValue(p.Value!.AsObject()), StringComparer.Ordinal),
            Sources = o["sources"]!.AsObject().ToDictionary(p => p.Key,
                p => (IReadOnlyList<JobSourceFile>)p.Value!.AsArray().Select(f => new JobSourceFile((string)f!["path"]!, (string)f["sha256"]!, (long)f["size"]!)).ToList(),
                StringComparer.Ordinal),
            Upstream = o["upstream"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal),
            Shard = shard, ShardOutput = (string?)o["shard_output"],
        };
    }

    private JsonObject ToJson()
    {
        var parameters = new JsonObject();
        foreach (var (name, value) in Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) parameters[name] = WriteValue(value);
        var sources = new JsonObject();
        foreach (var (slot, files) in Sources)
            sources[slot] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject { ["path"] = f.RelativePath, ["sha256"] = f.Sha256, ["size"] = f.Size })]);
        var upstream = new JsonObject();
        foreach (var (name, sha) in Upstream) upstream[name] = sha;
        return new JsonObject
        {
            ["kind"] = Kind, ["stage"] = StageId, ["device"] = Device, ["workspace"] = WorkspaceRoot, ["cache"] = CacheDirectory,
            ["directory"] = Directory, ["attempt"] = Attempt, ["parameters"] = parameters, ["sources"] = sources, ["upstream"] = upstream,
            ["shard"] = Shard is { } s ? new JsonObject { ["index"] = s.Index, ["count"] = s.Count } : null,
            ["shard_output"] = ShardOutput,
        };
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Parameters keep their type (ResolvedParameters' value types); doubles as round-trip strings, so NaN and ±∞ survive.
    private static JsonObject WriteValue(object? value) => value switch
    {
        null => new JsonObject { ["null"] = true },
        string s => new JsonObject { ["string"] = s },
        bool b => new JsonObject { ["boolean"] = b },
        long l => new JsonObject { ["integer"] = l },
        double d => new JsonObject { ["number"] = d.ToString("R", CultureInfo.InvariantCulture) },
        IReadOnlyList<string> l => new JsonObject { ["strings"] = new JsonArray([.. l.Select(x => (JsonNode?)x)]) },
        IReadOnlyList<double> l => new JsonObject { ["numbers"] = new JsonArray([.. l.Select(x => (JsonNode?)x.ToString("R", CultureInfo.InvariantCulture))]) },
        _ => throw new EngineException($"a parameter value of type {value.GetType().Name} cannot be sent to another process"),
    };

    private static object? ReadValue(JsonObject o)
    {
        var (type, node) = o.Single();
        return type switch
        {
            "null" => null,
            "string" => (string)node!,
            "boolean" => (bool)node!,
            "integer" => (long)node!,
            "number" => double.Parse((string)node!, CultureInfo.InvariantCulture),
            "strings" => (IReadOnlyList<string>)node!.AsArray().Select(x => (string)x!).ToList(),
            "numbers" => (IReadOnlyList<double>)node!.AsArray().Select(x => double.Parse((string)x!, CultureInfo.InvariantCulture)).ToList(),
            _ => throw new EngineException($"unknown parameter type '{type}' in a stage job"),
        };
    }
}
