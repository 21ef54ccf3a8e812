using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Engine.Provenance;

/// <summary>
/// Writes <c>runs/&lt;UTC timestamp&gt;-&lt;short hash&gt;/</c> for a run: the workflow file, every stage output
/// (hard-linked from the content store, copied across file systems) under <c>results/&lt;stage&gt;/</c>, and
/// <c>ro-crate-metadata.json</c> following the Workflow Run Crate profile 0.5: the workflow as a
/// ComputationalWorkflow with one HowToStep per stage, an OrganizeAction for the engine, a ControlAction
/// and CreateAction per stage execution (cached or executed, parameters as PropertyValues, inputs and
/// outputs as Files with SHA-256 and size), software versions and machine facts.
/// </summary>
public sealed class RunArchive(Workspace workspace, ContentStore store, IReadOnlyList<SoftwareComponent> software)
{
    public const string MetadataFile = "ro-crate-metadata.json";

    /// <summary>Stage logs and failure reports, written while the run goes on.</summary>
    public const string LogsFolder = "logs";

    /// <summary>The run folder until the run is archived: logs are written here, then it is completed and renamed.</summary>
    public static string PartialDirectory(Workspace workspace, string runId) => Path.Combine(workspace.RunsDirectory, runId + ".partial");

    public static string NewRunId(DateTimeOffset startedUtc, ValidatedWorkflow workflow, IEnumerable<string> targets)
    {
        string seed = $"{workflow.Definition.SourcePath}|{string.Join(",", targets)}|{startedUtc.UtcTicks}|{Environment.ProcessId}|{Guid.NewGuid()}";
        return startedUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'.'fff'Z'", CultureInfo.InvariantCulture) + "-" + Sha256Hex.OfText(seed)[..8];
    }

    public string Write(string runId, ValidatedWorkflow workflow, IReadOnlyList<string> targets, IReadOnlyList<StageOutcome> outcomes,
        IReadOnlyDictionary<string, StageRecord> records, DateTimeOffset startedUtc, DateTimeOffset endedUtc)
    {
        string dir = Path.Combine(workspace.RunsDirectory, runId);
        string temp = PartialDirectory(workspace, runId);
        Directory.CreateDirectory(temp); // may already hold the stage logs

        string workflowName = Path.GetFileName(workflow.Definition.SourcePath);
        File.Copy(workflow.Definition.SourcePath, Path.Combine(temp, workflowName));
        var graph = new JsonArray();
        var rootParts = new JsonArray();
        var runObjects = new JsonArray();
        var runResults = new JsonArray();
        var steps = new JsonArray();
        var tools = new JsonArray();
        var controls = new JsonArray();

        graph.Add(new JsonObject
        {
            ["@id"] = MetadataFile, ["@type"] = "CreativeWork",
            ["conformsTo"] = Ref("https://w3id.org/ro/crate/1.1"), ["about"] = Ref("./"),
        });
        graph.Add(FileEntity(workflowName, Path.Combine(temp, workflowName), ["File", "SoftwareSourceCode", "ComputationalWorkflow"], "application/yaml",
            extra: o =>
            {
                o["name"] = workflow.Name;
                o["programmingLanguage"] = Ref("#radiogenomics-yaml");
                o["step"] = steps;
                o["hasPart"] = tools;
            }));
        rootParts.Add(Ref(workflowName));
        graph.Add(new JsonObject
        {
            ["@id"] = "#radiogenomics-yaml", ["@type"] = "ComputerLanguage", ["name"] = "Radiogenomics workflow YAML",
            ["version"] = EnvironmentFacts.Engine().Version,
        });

        var finalTargets = new HashSet<string>(targets, StringComparer.Ordinal);
        var inputEntities = new HashSet<string>(StringComparer.Ordinal); // a DICOM tree has thousands of inputs: no linear scans
        int position = 0;
        foreach (var outcome in outcomes)
        {
            var stage = workflow[outcome.StageId];
            string tool = $"#tool-{stage.Id}", step = $"#step-{stage.Id}", exec = $"#exec-{stage.Id}";
            steps.Add(Ref(step));
            tools.Add(Ref(tool));
            graph.Add(new JsonObject { ["@id"] = step, ["@type"] = "HowToStep", ["position"] = (position++).ToString(CultureInfo.InvariantCulture), ["workExample"] = Ref(tool), ["name"] = stage.Id });

            var formal = new JsonArray();
            var values = new JsonArray();
            foreach (var (name, value) in stage.Parameters.Values)
            {
                var spec = stage.Kind.Parameters.First(p => p.Name == name);
                string fp = $"#param-{stage.Id}-{name}", pv = $"#pv-{stage.Id}-{name}";
                formal.Add(Ref(fp));
                values.Add(Ref(pv));
                graph.Add(new JsonObject
                {
                    ["@id"] = fp, ["@type"] = "FormalParameter", ["name"] = name, ["additionalType"] = spec.TypeName, ["description"] = spec.Description,
                    ["conformsTo"] = Ref("https://bioschemas.org/profiles/FormalParameter/1.0-RELEASE"),
                });
                var pvEntity = new JsonObject { ["@id"] = pv, ["@type"] = "PropertyValue", ["name"] = name, ["value"] = Stages.ResolvedParameters.Format(value), ["exampleOfWork"] = Ref(fp) };
                if (spec.IsSeed) pvEntity["additionalType"] = "RandomSeed";
                graph.Add(pvEntity);
            }
            graph.Add(new JsonObject
            {
                ["@id"] = tool, ["@type"] = "SoftwareApplication", ["name"] = stage.Kind.Name,
                ["softwareVersion"] = $"{stage.Kind.Version} ({stage.Kind.AssemblyVersion})", ["description"] = stage.Kind.Summary, ["input"] = formal,
            });

            var objects = new JsonArray();
            foreach (var v in values) objects.Add(v!.DeepClone());
            var results = new JsonArray();
            if (records.TryGetValue(stage.Id, out var record))
            {
                foreach (var src in record.Components.Sources)
                {
                    string id = new Uri(Path.Combine(workspace.Root, src.Path)).AbsoluteUri;
                    objects.Add(Ref(id));
                    if (inputEntities.Add(id))
                        graph.Add(new JsonObject { ["@id"] = id, ["@type"] = "File", ["name"] = src.Path, ["sha256"] = src.Sha256, ["contentSize"] = SizeOf(src.Path) });
                    runObjects.Add(Ref(id));
                }
                foreach (var written in record.WrittenFiles)
                {
                    // Outside the run folder like an input, but a product: Verify reports a difference as a mismatch.
                    string id = new Uri(Path.Combine(workspace.Root, written.Path)).AbsoluteUri;
                    results.Add(Ref(id));
                    if (inputEntities.Add(id))
                        graph.Add(new JsonObject
                        {
                            ["@id"] = id, ["@type"] = "File", ["name"] = written.Path, ["sha256"] = written.Sha256,
                            ["contentSize"] = written.Size.ToString(CultureInfo.InvariantCulture), ["producedBy"] = Ref(exec),
                        });
                }
                foreach (var up in record.Components.Upstream)
                    objects.Add(Ref(ResultPath(up.Stage, up.Output, records)));
                foreach (var (name, obj) in record.Outputs)
                {
                    string rel = $"results/{stage.Id}/{name}{obj.Extension}";
                    string full = Path.Combine(temp, rel);
                    FileIdentity.LinkOrCopy(store.PathOf(obj.Sha256), full);
                    graph.Add(new JsonObject
                    {
                        ["@id"] = rel, ["@type"] = "File", ["name"] = $"{stage.Id} {name}", ["sha256"] = obj.Sha256,
                        ["contentSize"] = obj.Size.ToString(CultureInfo.InvariantCulture), ["encodingFormat"] = MediaType(obj.Extension),
                    });
                    rootParts.Add(Ref(rel));
                    results.Add(Ref(rel));
                    if (finalTargets.Contains(stage.Id)) runResults.Add(Ref(rel));
                }
            }
            var execution = new JsonObject
            {
                ["@id"] = exec, ["@type"] = "CreateAction",
                ["name"] = $"{stage.Id}: {outcome.Status.ToString().ToLowerInvariant()}",
                ["description"] = outcome.Status switch
                {
                    StageStatus.Cached => "outputs reused from the content-addressed cache; nothing ran",
                    StageStatus.Executed => "executed because: " + string.Join("; ", outcome.Reasons),
                    StageStatus.Failed => "failed: " + outcome.Error,
                    _ => "skipped: " + string.Join("; ", outcome.Reasons),
                },
                ["instrument"] = Ref(tool), ["object"] = objects, ["result"] = results,
                ["startTime"] = (record?.StartedUtc ?? outcome.StartedUtc).ToString("O"), ["endTime"] = (record?.EndedUtc ?? outcome.EndedUtc).ToString("O"),
                ["actionStatus"] = outcome.Status is StageStatus.Cached or StageStatus.Executed ? "http://schema.org/CompletedActionStatus" : "http://schema.org/FailedActionStatus",
                ["cacheStatus"] = outcome.Status.ToString().ToLowerInvariant(),
                ["cacheKey"] = record?.Key,
                ["device"] = record?.Device ?? outcome.Device,
            };
            if (outcome.Error is not null) execution["error"] = outcome.Error;
            if (outcome.ErrorDetail is not null) execution["errorDetail"] = outcome.ErrorDetail;
            var evidence = new JsonArray();
            foreach (var (path, what) in new[] { (outcome.LogPath, "log"), (outcome.ErrorPath, "exception and stack trace") })
                if (path is not null && File.Exists(Path.Combine(temp, path)))
                {
                    graph.Add(new JsonObject
                    {
                        ["@id"] = path, ["@type"] = "File", ["name"] = $"{stage.Id} {what}", ["encodingFormat"] = "text/plain",
                        ["sha256"] = Sha256Hex.OfFile(Path.Combine(temp, path)), ["contentSize"] = new FileInfo(Path.Combine(temp, path)).Length.ToString(CultureInfo.InvariantCulture),
                    });
                    rootParts.Add(Ref(path));
                    evidence.Add(Ref(path));
                }
            if (evidence.Count > 0) execution["subjectOf"] = evidence;
            if (record is not null && record.Facts.Count > 0)
                execution["facts"] = JsonNode.Parse(JsonSerializer.Serialize(record.Facts));
            graph.Add(execution);
            string control = $"#control-{stage.Id}";
            controls.Add(Ref(control));
            graph.Add(new JsonObject { ["@id"] = control, ["@type"] = "ControlAction", ["instrument"] = Ref(step), ["object"] = Ref(exec), ["name"] = $"orchestrate {stage.Id}" });
        }

        var softwareRefs = new JsonArray();
        var allSoftware = new List<SoftwareComponent> { EnvironmentFacts.Engine(), EnvironmentFacts.DotNet() };
        allSoftware.AddRange(software);
        foreach (var s in allSoftware)
        {
            string id = "#software-" + string.Concat(s.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
            softwareRefs.Add(Ref(id));
            var entity = new JsonObject { ["@id"] = id, ["@type"] = "SoftwareApplication", ["name"] = s.Name, ["softwareVersion"] = s.Version };
            if (s.Url is not null) entity["url"] = s.Url;
            graph.Add(entity);
        }
        var git = EnvironmentFacts.GitState(workspace.Root);
        var machine = new JsonArray();
        foreach (var (k, v) in EnvironmentFacts.Machine())
        {
            graph.Add(new JsonObject { ["@id"] = $"#machine-{k}", ["@type"] = "PropertyValue", ["name"] = k, ["value"] = v });
            machine.Add(Ref($"#machine-{k}"));
        }
        graph.Add(new JsonObject
        {
            ["@id"] = "#engine", ["@type"] = "SoftwareApplication", ["name"] = "Radiogenomics", ["softwareVersion"] = EnvironmentFacts.Engine().Version,
            ["softwareRequirements"] = softwareRefs,
            ["gitCommit"] = git?.Commit, ["gitDirty"] = git?.Dirty,
        });
        bool ok = outcomes.All(o => o.Status is StageStatus.Cached or StageStatus.Executed);
        graph.Add(new JsonObject
        {
            ["@id"] = "#run", ["@type"] = "CreateAction", ["name"] = $"Run {runId} of workflow {workflow.Name}",
            ["instrument"] = Ref(workflowName), ["object"] = Distinct(runObjects), ["result"] = runResults,
            ["startTime"] = startedUtc.ToString("O"), ["endTime"] = endedUtc.ToString("O"),
            ["actionStatus"] = ok ? "http://schema.org/CompletedActionStatus" : "http://schema.org/FailedActionStatus",
            ["targets"] = new JsonArray(targets.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["machine"] = machine,
        });
        graph.Add(new JsonObject { ["@id"] = "#orchestration", ["@type"] = "OrganizeAction", ["instrument"] = Ref("#engine"), ["object"] = controls, ["result"] = Ref("#run"), ["name"] = "Radiogenomics engine run" });
        foreach (var (profile, name) in new[] { ("https://w3id.org/ro/wfrun/process/0.5", "Process Run Crate"), ("https://w3id.org/ro/wfrun/workflow/0.5", "Workflow Run Crate"), ("https://w3id.org/workflowhub/workflow-ro-crate/1.0", "Workflow RO-Crate") })
            graph.Add(new JsonObject { ["@id"] = profile, ["@type"] = "CreativeWork", ["name"] = name, ["version"] = profile[(profile.LastIndexOf('/') + 1)..] });
        graph.Insert(1, new JsonObject
        {
            ["@id"] = "./", ["@type"] = "Dataset", ["name"] = $"Radiogenomics run {runId}",
            ["description"] = $"Provenance of running {string.Join(", ", targets)} of workflow '{workflow.Name}'",
            ["datePublished"] = endedUtc.ToString("O"),
            ["conformsTo"] = new JsonArray(Ref("https://w3id.org/ro/wfrun/process/0.5"), Ref("https://w3id.org/ro/wfrun/workflow/0.5"), Ref("https://w3id.org/workflowhub/workflow-ro-crate/1.0")),
            ["mainEntity"] = Ref(workflowName), ["hasPart"] = rootParts, ["mentions"] = Ref("#run"),
        });
        var crate = new JsonObject { ["@context"] = "https://w3id.org/ro/crate/1.1/context", ["@graph"] = graph };
        File.WriteAllText(Path.Combine(temp, MetadataFile), crate.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Directory.Move(temp, dir); // the archive appears whole or not at all
        UpdateLatest(runId);
        return dir;
    }

    /// <summary>runs/latest points at the newest run so people and scripts can find it.</summary>
    private void UpdateLatest(string runId)
    {
        if (OperatingSystem.IsWindows()) return;
        FileIdentity.ReplaceSymbolicLink(Path.Combine(workspace.RunsDirectory, "latest"), runId);
    }

    private static string ResultPath(string stage, string output, IReadOnlyDictionary<string, StageRecord> records) =>
        records.TryGetValue(stage, out var r) && r.Outputs.TryGetValue(output, out var o) ? $"results/{stage}/{output}{o.Extension}" : $"results/{stage}/{output}";

    private string SizeOf(string relative)
    {
        var info = new FileInfo(Path.Combine(workspace.Root, relative));
        return info.Exists ? info.Length.ToString(CultureInfo.InvariantCulture) : "0";
    }

    private static JsonObject FileEntity(string id, string path, string[] types, string mediaType, Action<JsonObject> extra)
    {
        var o = new JsonObject
        {
            ["@id"] = id, ["@type"] = new JsonArray(types.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["sha256"] = Sha256Hex.OfFile(path), ["contentSize"] = new FileInfo(path).Length.ToString(CultureInfo.InvariantCulture), ["encodingFormat"] = mediaType,
        };
        extra(o);
        return o;
    }

    private static string MediaType(string extension) => extension switch
    {
        ".parquet" => "application/vnd.apache.parquet",
        ".png" => "image/png",
        ".json" => "application/json",
        ".csv" => "text/csv",
        ".tsv" => "text/tab-separated-values",
        _ => "application/octet-stream",
    };

    private static JsonObject Ref(string id) => new() { ["@id"] = id };

    private static JsonArray Distinct(JsonArray refs)
    {
        var seen = new HashSet<string>();
        var result = new JsonArray();
        foreach (var r in refs)
            if (seen.Add((string)r!["@id"]!)) result.Add(r.DeepClone());
        return result;
    }
}
