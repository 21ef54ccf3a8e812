using System.Globalization;
using System.Text.Json;
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
        var crate = new RunCrate(workflowName, Path.Combine(temp, workflowName), workflow.Name, EnvironmentFacts.GitState(workspace.Root));
        var finalTargets = new HashSet<string>(targets, StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            var stage = workflow[outcome.StageId];
            crate.AddStage(stage, outcome, records.GetValueOrDefault(stage.Id), finalTargets.Contains(stage.Id), temp, records, workspace.Root,
                (name, obj) =>
                {
                    string rel = RunCrate.ResultPath(stage.Id, name, obj);
                    FileIdentity.LinkOrCopy(store.PathOf(obj.Sha256), Path.Combine(temp, rel));
                    return rel;
                });
        }
        crate.AddEngineAndMachine(software, out var machine);
        bool ok = outcomes.All(o => o.Status is StageStatus.Cached or StageStatus.Executed);
        var metadata = crate.Complete(runId, workflow.Name, targets, ok, startedUtc, endedUtc, machine);
        File.WriteAllText(Path.Combine(temp, MetadataFile), metadata.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
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
}
