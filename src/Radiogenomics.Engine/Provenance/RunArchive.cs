using System.Globalization;
using System.Text.Json;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Hashing;
using Radiogenomics.Engine.Workflow;

namespace Radiogenomics.Engine.Provenance;

/// <summary>
/// Writes <c>runs/&lt;workflow&gt;/&lt;UTC timestamp&gt;-&lt;workflow&gt;-&lt;short hash&gt;/</c> for a run: the workflow file, every stage output
/// (copied from the content store and checked against its SHA-256 while copied: never a hard link, so editing an archived file cannot change the cache or another run) under <c>results/&lt;stage&gt;/</c>, and
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

    /// <summary>The folder of a workflow's runs: <c>runs/&lt;workflow&gt;/</c>, so one workflow's runs never hide another's.</summary>
    public static string WorkflowRunsDirectory(Workspace workspace, string workflowName) =>
        Path.Combine(workspace.RunsDirectory, RecordStore.Sanitize(workflowName));

    /// <summary>The link to a workflow's newest archived run: <c>runs/&lt;workflow&gt;/latest</c>.</summary>
    public static string LatestLink(Workspace workspace, string workflowName) => Path.Combine(WorkflowRunsDirectory(workspace, workflowName), "latest");

    /// <summary>The run folder until the run is archived: logs are written here, then it is completed and renamed.</summary>
    public static string PartialDirectory(Workspace workspace, string workflowName, string runId) =>
        Path.Combine(WorkflowRunsDirectory(workspace, workflowName), runId + ".partial");

    /// <summary>"20261207T161822.123Z-default-1a2b3c4d": when, which workflow, and a hash that tells two runs of the same millisecond apart.</summary>
    public static string NewRunId(DateTimeOffset startedUtc, ValidatedWorkflow workflow, IEnumerable<string> targets)
    {
        string seed = $"{workflow.Definition.SourcePath}|{string.Join(",", targets)}|{startedUtc.UtcTicks}|{Environment.ProcessId}|{Guid.NewGuid()}";
        return startedUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'.'fff'Z'", CultureInfo.InvariantCulture) + "-" + RecordStore.Sanitize(workflow.Name)
            + "-" + Sha256Hex.OfText(seed)[..8];
    }

    public string Write(string runId, ValidatedWorkflow workflow, IReadOnlyList<string> targets, IReadOnlyList<StageOutcome> outcomes,
        IReadOnlyDictionary<string, StageRecord> records, DateTimeOffset startedUtc, DateTimeOffset endedUtc)
    {
        string dir = Path.Combine(WorkflowRunsDirectory(workspace, workflow.Name), runId);
        string temp = PartialDirectory(workspace, workflow.Name, runId);
        Directory.CreateDirectory(temp); // may already hold the stage logs

        string workflowName = Path.GetFileName(workflow.Definition.SourcePath);
        File.Copy(workflow.Definition.SourcePath, Path.Combine(temp, workflowName));
        var crate = new RunCrate(workflowName, Path.Combine(temp, workflowName), workflow.Name, EnvironmentFacts.GitState(workspace.Root));
        var finalTargets = new HashSet<string>(targets, StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            var stage = workflow[outcome.StageId];
            crate.AddStage(stage, outcome, records.GetValueOrDefault(stage.Id), finalTargets.Contains(stage.Id), temp, records, workspace.Root,
                (name, obj) =>
                {
                    string rel = RunCrate.ResultPath(stage.Id, name, obj);
                    store.CopyOut(obj.Sha256, Path.Combine(temp, rel));
                    return rel;
                });
        }
        crate.AddEngineAndMachine(software, out var machine);
        bool ok = outcomes.All(o => o.Status is StageStatus.Cached or StageStatus.Executed);
        var metadata = crate.Complete(runId, workflow.Name, targets, ok, startedUtc, endedUtc, machine);
        File.WriteAllText(Path.Combine(temp, MetadataFile), metadata.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Directory.Move(temp, dir); // the archive appears whole or not at all
        UpdateLatest(workflow.Name, runId);
        return dir;
    }

    /// <summary>runs/&lt;workflow&gt;/latest points at the workflow's newest run so people and scripts can find it.</summary>
    private void UpdateLatest(string workflowName, string runId)
    {
        if (OperatingSystem.IsWindows()) return;
        FileIdentity.ReplaceSymbolicLink(LatestLink(workspace, workflowName), runId);
    }
}
