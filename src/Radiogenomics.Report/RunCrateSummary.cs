using System.Globalization;
using System.Text.Json.Nodes;
using Radiogenomics.Engine.Provenance;

namespace Radiogenomics.Report;

/// <summary>
/// What an archived run's <c>ro-crate-metadata.json</c> says about it — the run, its workflow file, each stage
/// execution, software and machine — read from the crate alone, so the report needs nothing but the run folder.
/// </summary>
public sealed record RunCrateSummary
{
    public required string RunDirectory { get; init; }
    public required string RunId { get; init; }
    public required string WorkflowName { get; init; }
    /// <summary>The workflow file's copy, relative to the run folder.</summary>
    public required string WorkflowFile { get; init; }
    public string? WorkflowCommit { get; init; }
    public bool? UncommittedChanges { get; init; }
    public bool Succeeded { get; init; }
    public DateTimeOffset? StartedUtc { get; init; }
    public DateTimeOffset? EndedUtc { get; init; }
    public IReadOnlyList<string> Targets { get; init; } = [];
    public IReadOnlyList<StageExecution> Stages { get; init; } = [];
    public IReadOnlyList<(string Name, string Version)> Software { get; init; } = [];
    public IReadOnlyList<(string Name, string Value)> Machine { get; init; } = [];

    public StageExecution? Stage(string id) => Stages.FirstOrDefault(s => s.StageId == id);

    /// <summary>Stages of a kind family (e.g. "associate." matches associate.lme and associate.correlation), in run order.</summary>
    public IEnumerable<StageExecution> StagesOfKind(string prefix) => Stages.Where(s => s.Kind.StartsWith(prefix, StringComparison.Ordinal));

    public static RunCrateSummary Read(string runDirectory)
    {
        string path = Path.Combine(runDirectory, RunArchive.MetadataFile);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{runDirectory} is not an archived run: it has no {RunArchive.MetadataFile} (runs are archived under runs/ when a run ends)", path);
        JsonArray graph;
        try
        {
            graph = JsonNode.Parse(File.ReadAllText(path))?["@graph"]?.AsArray() ?? throw new FormatException("it has no @graph array");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            throw new FormatException($"{path}: not a readable RO-Crate ({e.Message}); rerun the workflow to archive the run again", e);
        }
        var byId = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var node in graph)
            if (node is JsonObject o && (string?)o["@id"] is { } id) byId.TryAdd(id, o);

        var root = byId.GetValueOrDefault("./") ?? throw new FormatException($"{path}: the crate has no root dataset './'");
        string workflowFile = Id(root["mainEntity"]) ?? throw new FormatException($"{path}: the root dataset names no mainEntity (the workflow file)");
        var workflow = byId.GetValueOrDefault(workflowFile);
        var run = byId.GetValueOrDefault("#run");

        var stages = new List<StageExecution>();
        foreach (var step in Refs(workflow?["step"]).Select(byId.GetValueOrDefault).OfType<JsonObject>()
                     .OrderBy(s => int.TryParse((string?)s["position"], CultureInfo.InvariantCulture, out int p) ? p : int.MaxValue))
        {
            string stageId = (string?)step["name"] ?? "";
            if (byId.GetValueOrDefault("#exec-" + stageId) is not { } exec) continue;
            var tool = Id(exec["instrument"]) is { } toolId ? byId.GetValueOrDefault(toolId) : null;
            var results = new Dictionary<string, string>(StringComparer.Ordinal);
            string prefix = $"results/{stageId}/";
            foreach (var r in Refs(exec["result"]))
                if (r.StartsWith(prefix, StringComparison.Ordinal))
                    results[Path.GetFileNameWithoutExtension(r[prefix.Length..])] = r;
            var objects = Refs(exec["object"]).ToList();
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pv in objects.Where(o => o.StartsWith("#pv-", StringComparison.Ordinal)).Select(byId.GetValueOrDefault).OfType<JsonObject>())
                if ((string?)pv["name"] is { } name) parameters[name] = pv["value"]?.ToString() ?? "";
            stages.Add(new StageExecution
            {
                StageId = stageId,
                Kind = (string?)tool?["name"] ?? "",
                Status = (string?)exec["cacheStatus"] ?? "unknown",
                Description = (string?)exec["description"] ?? "",
                Error = (string?)exec["error"],
                ErrorDetail = (string?)exec["errorDetail"],
                StartedUtc = Time(exec["startTime"]),
                EndedUtc = Time(exec["endTime"]),
                Device = (string?)exec["device"] ?? "",
                Facts = exec["facts"] as JsonObject is { } facts ? (JsonObject)facts.DeepClone() : [],
                Results = results,
                Inputs = objects.Where(o => o.StartsWith("results/", StringComparison.Ordinal)).ToList(),
                Parameters = parameters,
                Evidence = Refs(exec["subjectOf"]).ToList(),
            });
        }

        var software = Refs(byId.GetValueOrDefault("#engine")?["softwareRequirements"]).Select(byId.GetValueOrDefault).OfType<JsonObject>()
            .Select(s => ((string?)s["name"] ?? "", (string?)s["softwareVersion"] ?? "")).ToList();
        var machine = Refs(run?["machine"]).Select(byId.GetValueOrDefault).OfType<JsonObject>()
            .Select(m => ((string?)m["name"] ?? "", m["value"]?.ToString() ?? "")).ToList();
        return new RunCrateSummary
        {
            RunDirectory = Path.GetFullPath(runDirectory),
            RunId = new DirectoryInfo(Path.GetFullPath(runDirectory)).Name,
            WorkflowName = (string?)workflow?["name"] ?? workflowFile,
            WorkflowFile = workflowFile,
            WorkflowCommit = (string?)workflow?["version"],
            UncommittedChanges = workflow?["uncommittedChanges"] is JsonValue v && v.TryGetValue(out bool dirty) ? dirty : null,
            Succeeded = (string?)run?["actionStatus"] == "http://schema.org/CompletedActionStatus",
            StartedUtc = Time(run?["startTime"]),
            EndedUtc = Time(run?["endTime"]),
            Targets = run?["targets"] is JsonArray t ? t.Select(x => x?.ToString() ?? "").ToList() : [],
            Stages = stages,
            Software = software,
            Machine = machine,
        };
    }

    private static string? Id(JsonNode? reference) => reference is JsonObject o ? (string?)o["@id"] : null;

    private static IEnumerable<string> Refs(JsonNode? node) => node switch
    {
        JsonArray a => a.Select(Id).OfType<string>(),
        JsonObject o when Id(o) is { } id => [id],
        _ => [],
    };

    private static DateTimeOffset? Time(JsonNode? node) =>
        (string?)node is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null;
}
