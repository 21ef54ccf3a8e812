using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Engine.Provenance;

/// <summary>
/// The <c>@graph</c> of a run's <c>ro-crate-metadata.json</c> (Workflow Run Crate profile 0.5 on RO-Crate 1.1),
/// built one concern at a time: the workflow, each stage execution, the software and machine, the run. Entities
/// are JSON-LD objects; <see cref="RunArchive"/> decides which files exist and calls these in order.
/// </summary>
internal sealed class RunCrate
{
    private const string RunCrateProcess = "https://w3id.org/ro/wfrun/process/0.5";
    private const string RunCrateWorkflow = "https://w3id.org/ro/wfrun/workflow/0.5";
    private const string WorkflowRoCrate = "https://w3id.org/workflowhub/workflow-ro-crate/1.0";

    private readonly JsonArray _graph = [];
    private readonly JsonArray _rootParts = [];
    private readonly JsonArray _runObjects = [];
    private readonly JsonArray _runResults = [];
    private readonly JsonArray _steps = [];
    private readonly JsonArray _tools = [];
    private readonly JsonArray _controls = [];
    private readonly HashSet<string> _outsideFiles = new(StringComparer.Ordinal); // a DICOM tree has thousands: no linear scans
    private readonly string _workflowFile;
    private int _position;

    public RunCrate(string workflowFile, string workflowCopy, string workflowName, (string Commit, bool Dirty)? workspaceGit)
    {
        _workflowFile = workflowFile;
        _graph.Add(new JsonObject
        {
            ["@id"] = RunArchive.MetadataFile, ["@type"] = "CreativeWork",
            ["conformsTo"] = Ref("https://w3id.org/ro/crate/1.1"), ["about"] = Ref("./"),
        });
        var workflow = FileEntity(workflowFile, workflowCopy, "application/yaml", "File", "SoftwareSourceCode", "ComputationalWorkflow");
        workflow["name"] = workflowName;
        workflow["programmingLanguage"] = Ref("#radiogenomics-yaml");
        workflow["step"] = _steps;
        workflow["hasPart"] = _tools;
        // The workflow file's own repository state: the workspace's git checkout, when it is one.
        if (workspaceGit is { } git) { workflow["version"] = git.Commit; workflow["uncommittedChanges"] = git.Dirty; }
        _graph.Add(workflow);
        _rootParts.Add(Ref(workflowFile));
        _graph.Add(new JsonObject
        {
            ["@id"] = "#radiogenomics-yaml", ["@type"] = "ComputerLanguage", ["name"] = "Radiogenomics workflow YAML",
            ["version"] = EnvironmentFacts.Engine().Version,
        });
    }

    /// <summary>The stage as a step and a tool, its execution (CreateAction) and its orchestration (ControlAction).</summary>
    public void AddStage(ValidatedStage stage, StageOutcome outcome, StageRecord? record, bool isTarget, string runFolder,
        IReadOnlyDictionary<string, StageRecord> records, string workspaceRoot, Func<string, OutputObject, string> archiveResult)
    {
        string tool = $"#tool-{stage.Id}", step = $"#step-{stage.Id}", exec = $"#exec-{stage.Id}";
        _steps.Add(Ref(step));
        _tools.Add(Ref(tool));
        _graph.Add(new JsonObject { ["@id"] = step, ["@type"] = "HowToStep", ["position"] = (_position++).ToString(CultureInfo.InvariantCulture), ["workExample"] = Ref(tool), ["name"] = stage.Id });

        var (formal, values) = AddParameters(stage);
        var toolEntity = new JsonObject
        {
            ["@id"] = tool, ["@type"] = "SoftwareApplication", ["name"] = stage.Kind.Name,
            ["softwareVersion"] = $"{stage.Kind.Version} ({stage.Kind.AssemblyVersion})", ["description"] = stage.Kind.Summary, ["input"] = formal,
        };
        // The code that ran: the digests of the kind's assemblies and native libraries, as keyed.
        if (record is not null && record.Components.Code.Count > 0)
            toolEntity["identifier"] = "sha256:" + Sha256Hex.OfText(CanonicalJson.Serialize(new SortedDictionary<string, string>(record.Components.Code.ToDictionary(), StringComparer.Ordinal)));
        _graph.Add(toolEntity);

        var objects = new JsonArray();
        foreach (var v in values) objects.Add(v!.DeepClone());
        var results = new JsonArray();
        if (record is not null)
        {
            foreach (var src in record.Components.Sources)
            {
                string id = FileUri(workspaceRoot, src.Path);
                objects.Add(Ref(id));
                var info = new FileInfo(Path.Combine(workspaceRoot, src.Path));
                if (_outsideFiles.Add(id))
                    _graph.Add(new JsonObject { ["@id"] = id, ["@type"] = "File", ["name"] = src.Path, ["sha256"] = src.Sha256, ["contentSize"] = (info.Exists ? info.Length : 0).ToString(CultureInfo.InvariantCulture) });
                _runObjects.Add(Ref(id));
            }
            foreach (var written in record.WrittenFiles)
            {
                // Outside the run folder like an input, but a product: Verify reports a difference as a mismatch.
                string id = FileUri(workspaceRoot, written.Path);
                results.Add(Ref(id));
                if (_outsideFiles.Add(id))
                    _graph.Add(new JsonObject
                    {
                        ["@id"] = id, ["@type"] = "File", ["name"] = written.Path, ["sha256"] = written.Sha256,
                        ["contentSize"] = written.Size.ToString(CultureInfo.InvariantCulture), ["producedBy"] = Ref(exec),
                    });
            }
            foreach (var up in record.Components.Upstream)
                objects.Add(Ref(records.TryGetValue(up.Stage, out var r) && r.Outputs.TryGetValue(up.Output, out var o)
                    ? ResultPath(up.Stage, up.Output, o) : $"results/{up.Stage}/{up.Output}"));
            foreach (var (name, obj) in record.Outputs)
            {
                string rel = archiveResult(name, obj);
                _graph.Add(new JsonObject
                {
                    ["@id"] = rel, ["@type"] = "File", ["name"] = $"{stage.Id} {name}", ["sha256"] = obj.Sha256,
                    ["contentSize"] = obj.Size.ToString(CultureInfo.InvariantCulture), ["encodingFormat"] = MediaType(obj.Extension),
                });
                _rootParts.Add(Ref(rel));
                results.Add(Ref(rel));
                if (isTarget) _runResults.Add(Ref(rel));
            }
        }
        var execution = Execution(exec, tool, outcome, record, objects, results);
        AddEvidence(execution, stage.Id, outcome, runFolder);
        _graph.Add(execution);
        string control = $"#control-{stage.Id}";
        _controls.Add(Ref(control));
        _graph.Add(new JsonObject { ["@id"] = control, ["@type"] = "ControlAction", ["instrument"] = Ref(step), ["object"] = Ref(exec), ["name"] = $"orchestrate {stage.Id}" });
    }

    public static string ResultPath(string stageId, string output, OutputObject obj) => $"results/{stageId}/{output}{obj.Extension}";

    private (JsonArray Formal, JsonArray Values) AddParameters(ValidatedStage stage)
    {
        var formal = new JsonArray();
        var values = new JsonArray();
        foreach (var (name, value) in stage.Parameters.Values)
        {
            var spec = stage.Kind.Parameters.First(p => p.Name == name);
            string fp = $"#param-{stage.Id}-{name}", pv = $"#pv-{stage.Id}-{name}";
            formal.Add(Ref(fp));
            values.Add(Ref(pv));
            _graph.Add(new JsonObject
            {
                ["@id"] = fp, ["@type"] = "FormalParameter", ["name"] = name, ["additionalType"] = spec.TypeName, ["description"] = spec.Description,
                ["conformsTo"] = Ref("https://bioschemas.org/profiles/FormalParameter/1.0-RELEASE"),
            });
            var pvEntity = new JsonObject { ["@id"] = pv, ["@type"] = "PropertyValue", ["name"] = name, ["value"] = Stages.ResolvedParameters.Format(value), ["exampleOfWork"] = Ref(fp) };
            if (spec.IsSeed) pvEntity["additionalType"] = "RandomSeed";
            _graph.Add(pvEntity);
        }
        return (formal, values);
    }

    private static JsonObject Execution(string exec, string tool, StageOutcome outcome, StageRecord? record, JsonArray objects, JsonArray results)
    {
        var execution = new JsonObject
        {
            ["@id"] = exec, ["@type"] = "CreateAction",
            ["name"] = $"{outcome.StageId}: {outcome.Status.ToString().ToLowerInvariant()}",
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
        if (record is not null && record.Facts.Count > 0)
            execution["facts"] = JsonNode.Parse(JsonSerializer.Serialize(record.Facts));
        return execution;
    }

    /// <summary>The stage's log and failure report, as files of the run folder the execution is the subject of.</summary>
    private void AddEvidence(JsonObject execution, string stageId, StageOutcome outcome, string runFolder)
    {
        var evidence = new JsonArray();
        foreach (var (path, what) in new[] { (outcome.LogPath, "log"), (outcome.ErrorPath, "exception and stack trace") })
        {
            if (path is null || !File.Exists(Path.Combine(runFolder, path))) continue;
            _graph.Add(FileEntity(path, Path.Combine(runFolder, path), "text/plain", "File").With("name", $"{stageId} {what}"));
            _rootParts.Add(Ref(path));
            evidence.Add(Ref(path));
        }
        if (evidence.Count > 0) execution["subjectOf"] = evidence;
    }

    /// <summary>The engine (an OrganizeAction's instrument) with the software it reports and the machine it ran on.</summary>
    public void AddEngineAndMachine(IEnumerable<SoftwareComponent> software, out JsonArray machine)
    {
        var softwareRefs = new JsonArray();
        foreach (var s in new[] { EnvironmentFacts.Engine(), EnvironmentFacts.DotNet() }.Concat(software))
        {
            string id = "#software-" + string.Concat(s.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
            softwareRefs.Add(Ref(id));
            var entity = new JsonObject { ["@id"] = id, ["@type"] = "SoftwareApplication", ["name"] = s.Name, ["softwareVersion"] = s.Version };
            if (s.Url is not null) entity["url"] = s.Url;
            _graph.Add(entity);
        }
        machine = [];
        foreach (var (k, v) in EnvironmentFacts.Machine())
        {
            _graph.Add(new JsonObject { ["@id"] = $"#machine-{k}", ["@type"] = "PropertyValue", ["name"] = k, ["value"] = v });
            machine.Add(Ref($"#machine-{k}"));
        }
        // Which code ran is each tool's identifier (its code digests); the engine's own version is its release.
        _graph.Add(new JsonObject
        {
            ["@id"] = "#engine", ["@type"] = "SoftwareApplication", ["name"] = "Radiogenomics", ["softwareVersion"] = EnvironmentFacts.Engine().Version,
            ["softwareRequirements"] = softwareRefs,
        });
    }

    /// <summary>The run (a CreateAction over the workflow), its orchestration, the profiles and the root dataset; returns the whole crate.</summary>
    public JsonObject Complete(string runId, string workflowName, IReadOnlyList<string> targets, bool succeeded, DateTimeOffset startedUtc, DateTimeOffset endedUtc, JsonArray machine)
    {
        _graph.Add(new JsonObject
        {
            ["@id"] = "#run", ["@type"] = "CreateAction", ["name"] = $"Run {runId} of workflow {workflowName}",
            ["instrument"] = Ref(_workflowFile), ["object"] = Distinct(_runObjects), ["result"] = _runResults,
            ["startTime"] = startedUtc.ToString("O"), ["endTime"] = endedUtc.ToString("O"),
            ["actionStatus"] = succeeded ? "http://schema.org/CompletedActionStatus" : "http://schema.org/FailedActionStatus",
            ["targets"] = new JsonArray(targets.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["machine"] = machine,
        });
        _graph.Add(new JsonObject { ["@id"] = "#orchestration", ["@type"] = "OrganizeAction", ["instrument"] = Ref("#engine"), ["object"] = _controls, ["result"] = Ref("#run"), ["name"] = "Radiogenomics engine run" });
        foreach (var (profile, name) in new[] { (RunCrateProcess, "Process Run Crate"), (RunCrateWorkflow, "Workflow Run Crate"), (WorkflowRoCrate, "Workflow RO-Crate") })
            _graph.Add(new JsonObject { ["@id"] = profile, ["@type"] = "CreativeWork", ["name"] = name, ["version"] = profile[(profile.LastIndexOf('/') + 1)..] });
        _graph.Insert(1, new JsonObject
        {
            ["@id"] = "./", ["@type"] = "Dataset", ["name"] = $"Radiogenomics run {runId}",
            ["description"] = $"Provenance of running {string.Join(", ", targets)} of workflow '{workflowName}'",
            ["datePublished"] = endedUtc.ToString("O"),
            ["conformsTo"] = new JsonArray(Ref(RunCrateProcess), Ref(RunCrateWorkflow), Ref(WorkflowRoCrate)),
            ["mainEntity"] = Ref(_workflowFile), ["hasPart"] = _rootParts, ["mentions"] = Ref("#run"),
        });
        return new JsonObject { ["@context"] = "https://w3id.org/ro/crate/1.1/context", ["@graph"] = _graph };
    }

    private static string FileUri(string workspaceRoot, string relative) => new Uri(Path.Combine(workspaceRoot, relative)).AbsoluteUri;

    private static JsonObject FileEntity(string id, string path, string mediaType, params string[] types) => new()
    {
        ["@id"] = id, ["@type"] = types.Length == 1 ? types[0] : new JsonArray(types.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        ["sha256"] = Sha256Hex.OfFile(path), ["contentSize"] = new FileInfo(path).Length.ToString(CultureInfo.InvariantCulture), ["encodingFormat"] = mediaType,
    };

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
