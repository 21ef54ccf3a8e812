using System.Text.Json;
using System.Text.Json.Nodes;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Execution.OutOfProcess;

/// <summary>
/// The submitting side's reading of a finished <see cref="StageJob"/>: every file the worker's result names must be
/// there with the digest it claims (a job that died mid-write, or a node that saw another file system, is caught
/// here, before the committer), then facts and written files go into the engine's context as if the kind ran here.
/// </summary>
public static class StageJobResult
{
    /// <summary>True when the job's result exists (the worker got to its end).</summary>
    public static bool Exists(StageJob job) => File.Exists(job.PathIn(StageJob.ResultFile));

    /// <summary>Checks an unsharded job's outputs and copies its facts and written files into <paramref name="context"/>.</summary>
    public static void Apply(StageJob job, StageContext context)
    {
        var result = Read(job);
        var outputs = result["outputs"]?.AsObject() ?? throw Broken(job, "no outputs");
        foreach (var spec in context.Kind.Produces)
        {
            var claimed = outputs[spec.Name] ?? throw Broken(job, $"no output '{spec.Name}'");
            Check(job, context.Output(spec.Name), claimed);
        }
        foreach (var (name, value) in result["facts"]?.AsObject() ?? [])
            context.Record(name, value is null ? null : JsonSerializer.Deserialize<JsonElement>(value.ToJsonString()));
        context.RecordWrittenFiles((result["written"]?.AsArray() ?? []).Select(f =>
        {
            string relative = (string)f!["path"]!;
            return new SourceFile(relative, Path.Combine(context.WorkspaceRoot, relative), (string)f["sha256"]!, (long)f["size"]!);
        }));
    }

    /// <summary>Checks a shard job's file against its result; returns its path.</summary>
    public static string ShardOutput(StageJob job)
    {
        var result = Read(job);
        Check(job, job.ShardOutput!, result["shard"] ?? throw Broken(job, "no shard file"));
        return job.ShardOutput!;
    }

    private static JsonObject Read(StageJob job)
    {
        string path = job.PathIn(StageJob.ResultFile);
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            throw Broken(job, e.Message);
        }
    }

    private static void Check(StageJob job, string path, JsonNode claimed)
    {
        string sha = (string)claimed["sha256"]!;
        if (!File.Exists(path)) throw Broken(job, $"{path} is missing");
        string actual = Sha256Hex.OfFile(path);
        if (actual != sha) throw Broken(job, $"{path} has SHA-256 {actual}, the worker reported {sha}");
    }

    private static EngineException Broken(StageJob job, string what) =>
        new($"the result of stage '{job.StageId}'{(job.Shard is { } s ? $" shard {s}" : "")} in {job.Directory} cannot be used ({what}); it is not committed and the stage reruns");
}
